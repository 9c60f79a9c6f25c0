// A leader's office (领导办公室) follows the messages written to its leader: where each is, which
// unit holds it, by when it is due, to the answer.
import type { Actor } from '../auth/actor.ts';
import { requireActor } from '../auth/permissions.ts';
import { inboxPageOf } from '../handling/handling-pages.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { servedAddressees } from '../auth/office-permissions.ts';
import { addresseeTexts } from '../organisations/addressee-directory.ts';

export type OfficeQuery = {
  /** One of the leaders the office serves (its key); default: all of them. */
  addressee?: string | undefined;
  view: 'open' | 'answered' | 'all';
  page: number;
  pageSize: number;
};

/** The messages to the leaders the actor's office serves, soonest due first. */
export async function officeInboxPage(s: Services, actor: Actor | null, q: OfficeQuery) {
  const user = requireActor(actor);
  let ids = servedAddressees(user);
  if (ids.length === 0) throw new ApiError('forbidden', "Only a leader's office has this list");
  if (q.addressee !== undefined) {
    const one = s.addressees.getByKey(q.addressee);
    if (!one || !ids.includes(one.id))
      throw new ApiError('forbidden', 'This office does not serve that leader');
    ids = [one.id];
  }
  const page = await s.store.handling.addressed(ids, q.view, q);
  return {
    ...(await inboxPageOf(s, user, q, page)),
    addressees: ids.map((id) => {
      const a = s.addressees.get(id)!;
      return { key: a.key, title: addresseeTexts(a).title };
    }),
  };
}
