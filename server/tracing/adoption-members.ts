// Who may stand behind a link, and who does. A target offers every published submission of the
// cluster (or the one submission) and everyone who sent the same text (form-letter groups); the
// editor chooses among them, and only the chosen become members of the adoption (adoption_members):
// only they are told, shown and counted.
import type { AdoptionTargetKind } from '../../schema/states.ts';
import { chinaDate } from '../clock.ts';
import { ApiError } from '../http/api-error.ts';
import type { MemberRow } from '../store/adoption.ts';
import type { Tx } from '../store/store.ts';

/** Every published submission a target offers: its own members and their form-letter copies. */
export async function targetMembers(
  q: Tx,
  kind: AdoptionTargetKind,
  id: string,
): Promise<string[]> {
  return q.adoption.offeredBy(kind, kind === 'cluster' ? await q.adoption.liveClusterId(id) : id);
}

/**
 * The chosen ids, each once; each must be one the target offers (`not_a_member` names the others).
 * Nothing is chosen on the editor's behalf: an empty choice is refused by the request schema.
 */
export function checkChosen(
  chosen: string[],
  offered: Iterable<string>,
  field = 'memberIds',
  message = 'Some chosen submissions are not behind this cluster or suggestion (any more)',
): string[] {
  const allowed = new Set(offered);
  const unique = [...new Set(chosen)];
  const outside = unique.filter((id) => !allowed.has(id));
  if (outside.length)
    throw new ApiError('not_a_member', message, {
      fields: { [field]: 'not a member' },
      submissions: outside,
    });
  return unique;
}

/** Submissions written on a China-time day after the document's date: it cannot have read them. */
export async function writtenAfter(q: Tx, ids: string[], issuedOn: string): Promise<string[]> {
  const created = await q.adoption.createdAt(ids);
  return ids.filter((id) => {
    const at = created.get(id);
    return at !== undefined && chinaDate(at) > issuedOn;
  });
}

/**
 * A document dated before a chosen suggestion was written needs the editor's explanation (a note)
 * and an explicit acknowledgement; otherwise `document_predates_suggestion` names the submissions.
 */
export async function checkDocumentDate(
  q: Tx,
  ids: string[],
  issuedOn: string,
  acknowledged: { acknowledgeDate?: boolean | undefined; note?: string | null | undefined },
): Promise<string[]> {
  const later = await writtenAfter(q, ids, issuedOn);
  if (later.length && !(acknowledged.acknowledgeDate === true && acknowledged.note?.trim()))
    throw new ApiError(
      'document_predates_suggestion',
      `The document is dated ${issuedOn}, before ${later.length} of the chosen suggestions were written: give a note saying why it adopts them, and acknowledgeDate`,
      {
        fields: { acknowledgeDate: 'the document predates these suggestions' },
        issuedOn,
        submissions: later,
      },
    );
  return later;
}

export type MemberGroup = {
  /** Every submission of the form-letter group the target offers (one when the text is unique). */
  ids: string[];
  /** Those of `ids` the adoption holds now (empty before confirmation). */
  adoptedIds: string[];
  /** The group's first submission: its public (masked) title and reference number. */
  ref: string;
  title: string;
  /** Withheld from the public after reports (curators still see the title). */
  withheld: boolean;
  /** Submissions in the group ("N 人提交了相同内容"). */
  count: number;
  /** Authors in the group, as numbers that mean something only within one answer. */
  authors: number[];
  firstAt: number;
  lastAt: number;
  /** How many of the group were written on a day after the document's date. */
  afterDocument: number;
};

/**
 * The members a confirmation dialog shows: what the target offers plus what the adoption holds
 * (a member that left the cluster since can still be removed), folded into form-letter groups,
 * largest first, each with its count, dates and how many were written after the document. One
 * statement, however many members.
 */
export async function memberGroups(
  q: Tx,
  ids: string[],
  issuedOn: string,
  adopted: string[] = [],
): Promise<MemberGroup[]> {
  const all = [...new Set([...ids, ...adopted])];
  const adoptedSet = new Set(adopted);
  const rows = (await q.adoption.memberRows(all)).sort(
    (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1),
  );
  const authorNo = new Map<string, number>();
  const groups = new Map<string, MemberRow[]>();
  for (const r of rows) {
    if (!authorNo.has(r.authorId)) authorNo.set(r.authorId, authorNo.size);
    const key = r.groupId ?? `one:${r.id}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()]
    .map((list) => {
      const first = list[0]!;
      return {
        ids: list.map((r) => r.id),
        adoptedIds: list.filter((r) => adoptedSet.has(r.id)).map((r) => r.id),
        ref: first.ref,
        title: first.title,
        withheld: first.held === 1,
        count: list.length,
        authors: [...new Set(list.map((r) => authorNo.get(r.authorId)!))],
        firstAt: first.createdAt,
        lastAt: list.at(-1)!.createdAt,
        afterDocument: list.filter((r) => chinaDate(r.createdAt) > issuedOn).length,
      };
    })
    .sort((a, b) => b.count - a.count || a.firstAt - b.firstAt);
}
