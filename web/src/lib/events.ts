// Every custom event the hy- elements fire, with its detail type. They are fired only in answer
// to a user action (a click, an input), never on load, and they bubble and cross shadow roots.
import type { Addressee } from '../api/boards.ts';
import type { ReturnReason, User } from '../api/types.ts';

export type PageEventDetail = { page: number };
export type RegionEventDetail = { code: string | null; complete: boolean };
export type RejectEventDetail = { reason: string };
export type CampaignSavedDetail = { slug: string; created: boolean };
export type TopicEventDetail = { topic: string | null };
export type HandlingChangedDetail = { message: string; tone?: 'success' | 'warning' };
export type ReturnEventDetail = { reason: ReturnReason; note: string };
export type UnitEventDetail = { code: string };
export type DuplicateSplitDetail = { id: string; ref: string };
/**
 * hy-adoption-members-dialog: the suggestions chosen for an adoption. `memberIds` (= `add`) for a
 * confirmation; `add` and `remove` for a confirmed adoption; `note` explains a document older than
 * them when `acknowledgeDate`; `reason` tells removed authors why.
 */
export type AdoptionMembersDetail = {
  memberIds: string[];
  add: string[];
  remove: string[];
  acknowledgeDate: boolean;
  note: string;
  reason: string;
};
/** hy-addressee-picker: the leader chosen, or null for "no one in particular". */
export type AddresseeEventDetail = { addressee: Addressee | null };
/** hy-figures-view: the reader changed the trend's periods or drilled into (or out of) a region. */
export type FigureScopeDetail = { granularity?: 'day' | 'week' | 'month'; region?: string | null };

declare global {
  interface HTMLElementEventMap {
    /** hy-pagination: the user picked a page. */
    'hy-page': CustomEvent<PageEventDetail>;
    /** hy-region-picker: the user changed the region. */
    'hy-region-change': CustomEvent<RegionEventDetail>;
    /** hy-reject-dialog: the user confirmed a rejection with a reason. */
    'hy-reject-confirm': CustomEvent<RejectEventDetail>;
    /** hy-reject-dialog: the user dismissed the dialog. */
    'hy-dialog-cancel': CustomEvent<void>;
    /** hy-error-box: the user asked to try again. */
    'hy-retry': CustomEvent<void>;
    /** hy-campaign-editor: a definition was saved. */
    'hy-campaign-saved': CustomEvent<CampaignSavedDetail>;
    /** Handling forms: an action succeeded (the submission should be reloaded). */
    'hy-handling-changed': CustomEvent<HandlingChangedDetail>;
    /** hy-return-dialog: the reviewer confirmed returning a reply. */
    'hy-return-confirm': CustomEvent<ReturnEventDetail>;
    /** hy-similar-list: the user follows a link away from the form (keep the draft). */
    'hy-draft-save': CustomEvent<void>;
    /** hy-duplicate-group: a submission was split from its near-duplicate group. */
    'hy-duplicate-split': CustomEvent<DuplicateSplitDetail>;
    /** hy-unit-picker: the user picked a unit. */
    'hy-unit-change': CustomEvent<UnitEventDetail>;
    /** hy-login-second-step: the code was accepted; the detail is the signed-in user. */
    'hy-signed-in': CustomEvent<User>;
    /** hy-adoption-members-dialog: the editor confirmed the suggestions a clause adopts. */
    'hy-adoption-members': CustomEvent<AdoptionMembersDetail>;
    /** hy-figures-view: granularity or region changed. */
    'hy-figures-scope': CustomEvent<FigureScopeDetail>;
    /** hy-addressee-picker: the user chose whom to write to. */
    'hy-addressee-change': CustomEvent<AddresseeEventDetail>;
  }
}

/** Creates a bubbling, composed event with a typed detail. */
export function hyEvent<K extends keyof HTMLElementEventMap>(
  type: K,
  detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never,
): CustomEvent {
  return new CustomEvent(type, { detail, bubbles: true, composed: true });
}
