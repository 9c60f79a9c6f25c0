import { html } from 'lit';
import { adoptionStatuses, type AdoptionStatus } from '../api/adoption.ts';
import { adoptionStatusLabel } from './handling-text.ts';

/** The <option>s of an adoption-status <select>, in order, `selected` chosen. */
export const adoptionStatusOptions = (selected: AdoptionStatus = 'adopted') =>
  adoptionStatuses.map(
    (s) => html`<option value=${s} ?selected=${s === selected}>${adoptionStatusLabel(s)}</option>`,
  );
