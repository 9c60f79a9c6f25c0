// How a leader (addressee) is named on every page: office title, then the holder when named.
import type { Addressee } from '../api/boards.ts';
import type { LocalText } from '../api/types.ts';
import { localText, orgName } from '../i18n/index.ts';

/** "许昌市市长" or "许昌市市长 张三" (English when the reader reads English and it exists). */
export function addresseeName(a: { title: LocalText; holder: LocalText | null }): string {
  return a.holder ? `${localText(a.title)} ${localText(a.holder)}` : localText(a.title);
}

/** The unit that answers for the leader, in the reader's language, or ''. */
export function addresseeUnit(a: Addressee): string {
  if (!a.unit) return '';
  return orgName(
    a.unit.nameEn ? { name: a.unit.name, nameEn: a.unit.nameEn } : { name: a.unit.name },
  );
}

/** Whether the leader's jurisdiction holds the place (any place when none is chosen yet). */
export function holdsPlace(a: Addressee, region: string | null): boolean {
  if (!region || !a.region) return true;
  return region.startsWith(a.region.code);
}
