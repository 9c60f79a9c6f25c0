// Who may stand behind a link, and who does. A target offers every published submission of the
// cluster (or the one submission) and everyone who sent the same text (form-letter groups); the
// editor chooses among them, and only the chosen become members of the adoption (adoption_members):
// only they are told, shown and counted.
import type { AdoptionTargetKind } from '../../schema/states.ts';
import { chinaDate } from '../clock.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { publicStatusSql, publicText } from '../submissions/submission-row.ts';
import { shownSql } from '../trust/content-holds.ts';

/** A merged cluster lives on in the one it was merged into. */
export function liveClusterId(s: Services, id: string): string {
  let current = id;
  for (let hops = 0; hops < 10; hops++) {
    const next = s.sqlite
      .prepare('select merged_into from clusters where id = ?')
      .pluck()
      .get(current) as string | null | undefined;
    if (!next) return current;
    current = next;
  }
  return current;
}

/** Every published submission a target offers: its own members and their form-letter copies. */
export function targetMembers(s: Services, kind: AdoptionTargetKind, id: string): string[] {
  const direct =
    kind === 'cluster'
      ? `select s.id from cluster_members m join submissions s on s.id = m.submission_id
           where m.cluster_id = ? and s.status in (${publicStatusSql})`
      : `select id from submissions where id = ? and status in (${publicStatusSql})`;
  return s.sqlite
    .prepare(
      `with direct(id) as (${direct})
       select id from direct
       union
       select s.id from direct d
         join text_signatures t on t.submission_id = d.id and t.group_id is not null
         join text_signatures g on g.group_id = t.group_id
         join submissions s on s.id = g.submission_id and s.status in (${publicStatusSql})`,
    )
    .pluck()
    .all(kind === 'cluster' ? liveClusterId(s, id) : id) as string[];
}

/** The submissions an adoption holds now, in a stable order. */
export function adoptionMemberIds(s: Services, adoptionId: string): string[] {
  return s.sqlite
    .prepare(
      'select submission_id from adoption_members where adoption_id = ? order by submission_id',
    )
    .pluck()
    .all(adoptionId) as string[];
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
export function writtenAfter(s: Services, ids: string[], issuedOn: string): string[] {
  if (!ids.length) return [];
  const created = s.sqlite.prepare('select created_at from submissions where id = ?').pluck();
  return ids.filter((id) => chinaDate(created.get(id) as number) > issuedOn);
}

/**
 * A document dated before a chosen suggestion was written needs the editor's explanation (a note)
 * and an explicit acknowledgement; otherwise `document_predates_suggestion` names the submissions.
 */
export function checkDocumentDate(
  s: Services,
  ids: string[],
  issuedOn: string,
  acknowledged: { acknowledgeDate?: boolean | undefined; note?: string | null | undefined },
): string[] {
  const later = writtenAfter(s, ids, issuedOn);
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

type MemberRow = {
  id: string;
  ref: string;
  title: string;
  authorId: string;
  createdAt: number;
  groupId: string | null;
  held: number;
};

/**
 * The members a confirmation dialog shows: what the target offers plus what the adoption holds
 * (a member that left the cluster since can still be removed), folded into form-letter groups,
 * largest first, each with its count, dates and how many were written after the document.
 */
export function memberGroups(
  s: Services,
  ids: string[],
  issuedOn: string,
  adopted: string[] = [],
): MemberGroup[] {
  const all = [...new Set([...ids, ...adopted])];
  const adoptedSet = new Set(adopted);
  const read = s.sqlite.prepare(
    `select sub.id, sub.ref, ${publicText('sub', 'title')} as title, sub.author_id as authorId,
       sub.created_at as createdAt, t.group_id as groupId, not ${shownSql('submission', 'sub.id')} as held
     from submissions sub left join text_signatures t on t.submission_id = sub.id where sub.id = ?`,
  );
  const rows = all
    .map((id) => read.get(id) as MemberRow | undefined)
    .filter((r): r is MemberRow => r !== undefined)
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
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
