// Unit names in the reader's language. The handling API names units in Chinese ({code, name});
// the organisation list also has English names, so once it is loaded a unit is shown as the
// reader expects. Looked up by code when the API gives one, else by the Chinese name.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { listOrganisations } from '../api/organisations.ts';
import type { Organisation } from '../api/types.ts';
import { getLocale } from '../i18n/index.ts';

let byCode = new Map<string, Organisation>();
let byName = new Map<string, Organisation>();
let loaded: Promise<void> | undefined;

export function loadOrganisations(): Promise<void> {
  loaded ??= listOrganisations().then(
    (items) => {
      byCode = new Map(items.map((o) => [o.code, o]));
      byName = new Map(items.map((o) => [o.name, o]));
    },
    () => {
      loaded = undefined;
    },
  );
  return loaded;
}

/** A unit's name for display: English when the UI is English and the name is known. */
export function unitLabel(unit: { code?: string | null; name: string } | string | null): string {
  if (!unit) return '';
  const name = typeof unit === 'string' ? unit : unit.name;
  if (getLocale() !== 'en') return name;
  const code = typeof unit === 'string' ? null : unit.code;
  const org = (code ? byCode.get(code) : undefined) ?? byName.get(name);
  return org?.nameEn ?? name;
}

/** Loads the organisation list once and re-renders the host when it arrives. */
export class OrganisationsController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    void loadOrganisations().then(() => this.host.requestUpdate());
  }
}
