import { ApiError } from '../http/api-error.ts';
import type { Addressee, AddresseeDirectory } from './addressee-directory.ts';

/** What of a campaign's form decides whom a message may be written to. */
type AddresseeForm = { form: { region: { within: string }; addressee?: unknown } };

/**
 * The addressee a message may be written to, by key: one that exists, is not retired, lies
 * within the campaign's regions, and whose jurisdiction holds the message's place. Null when none
 * was given (or the campaign takes none, which checkAgainstForm has refused already).
 */
export function chooseAddressee(
  directory: AddresseeDirectory,
  def: AddresseeForm,
  key: string | null | undefined,
  regionCode: string | null,
): Addressee | null {
  const form = def.form;
  // Whether one is required or allowed at all is the form's check (checkAgainstForm).
  if (!key || !form.addressee) return null;
  const addressee = directory.getByKey(key);
  if (!addressee) throw new ApiError('unknown_addressee', `No addressee '${key}'`, { key });
  if (addressee.retired)
    throw new ApiError('addressee_retired', `${addressee.title} takes no new messages`, { key });
  const within = form.region.within;
  if (within !== '' && !(addressee.regionCode ?? '').startsWith(within))
    throw new ApiError(
      'addressee_out_of_region',
      `${addressee.title} is outside the regions of this campaign`,
      { key, within },
    );
  if (addressee.regionCode && regionCode && !regionCode.startsWith(addressee.regionCode))
    throw new ApiError(
      'addressee_out_of_region',
      `The place of the message is outside the jurisdiction of ${addressee.title}`,
      { key, regionCode, jurisdiction: addressee.regionCode },
    );
  return addressee;
}
