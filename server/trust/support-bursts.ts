import { z } from 'zod';
import { hasRole, type Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/permissions.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import type { Tx } from '../store/store.ts';
import { appendEventLegacy } from '../submissions/append-event.ts';
import { networkOf, plainIp } from './network.ts';
import { publicText } from '../submissions/submission-row.ts';

/**
 * Records where a support came from and flags a burst: at least HUIYIN_SUPPORT_BURST_COUNT
 * supports for one submission from one network within HUIYIN_SUPPORT_BURST_MINUTES. Runs inside
 * the support's transaction. A flag already decided opens again when the burst goes on.
 */
export async function recordSupportOrigin(
  s: Services,
  tx: Tx,
  submissionId: string,
  userId: string,
  ip: string,
  now: number,
): Promise<void> {
  const network = networkOf(ip);
  await tx.trust.addSupportOrigin({
    submissionId,
    userId,
    ip: plainIp(ip),
    network,
    createdAt: now,
  });
  const since = now - s.config.HUIYIN_SUPPORT_BURST_MINUTES * 60_000;
  const recent = await tx.trust.recentSupportsFrom(submissionId, network, since);
  if (recent.n < s.config.HUIYIN_SUPPORT_BURST_COUNT) return;
  await tx.trust.flagSupportBurst(submissionId, network, recent.firstAt!, now);
}

export type SupportFlagView = ReturnType<typeof listSupportFlags>[number];

/** Open flags with the figures a moderator needs to judge them, newest burst first. */
export function listSupportFlags(s: Services, actor: Actor | null) {
  requireRole(actor, 'reviewer', 'admin');
  const rows = s.sqlite
    .prepare(
      `select f.id, f.submission_id as submissionId, f.network, f.first_at as firstAt, f.last_at as lastAt,
         s.ref, ${publicText('s', 'title')} as title, s.support_count as supportCount,
         (select count(*) from support_origins o where o.submission_id = f.submission_id and o.network = f.network and o.discounted = 0) as fromNetwork,
         (select count(distinct o.ip) from support_origins o where o.submission_id = f.submission_id and o.network = f.network and o.discounted = 0) as addresses,
         (select count(*) from support_origins o where o.submission_id = f.submission_id and o.network = f.network and o.discounted = 0 and o.created_at between f.first_at and f.last_at) as inWindow
       from support_flags f join submissions s on s.id = f.submission_id
       where f.state = 'open' order by f.last_at desc limit 200`,
    )
    .all() as {
    id: number;
    submissionId: string;
    network: string;
    firstAt: number;
    lastAt: number;
    ref: string;
    title: string;
    supportCount: number;
    fromNetwork: number;
    addresses: number;
    inWindow: number;
  }[];
  return rows.map((r) => ({
    ...r,
    share: r.supportCount > 0 ? Math.round((r.fromNetwork / r.supportCount) * 1000) / 10 : 0,
  }));
}

export const flagDecisionInput = z.strictObject({ action: z.enum(['discount', 'clear']) });

/**
 * discount: the network's supports for that submission stop counting (the public figure drops
 * by that many); clear: the burst looks genuine and nothing changes.
 */
export function decideSupportFlag(
  s: Services,
  actor: Actor | null,
  flagId: number,
  raw: unknown,
): { discounted: number; supportCount: number } {
  const reviewer = requireRole(actor, 'reviewer', 'admin');
  const parsed = flagDecisionInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const now = s.clock.now();
  return s.sqlite.transaction(() => {
    const flag = s.sqlite
      .prepare(
        'select submission_id as submissionId, network, state from support_flags where id = ?',
      )
      .get(flagId) as { submissionId: string; network: string; state: string } | undefined;
    if (!flag) throw new ApiError('not_found', 'No such flag');
    if (flag.state !== 'open') throw new ApiError('invalid_transition', 'Already decided');
    let discounted = 0;
    if (parsed.data.action === 'discount') {
      discounted = s.sqlite
        .prepare(
          'update support_origins set discounted = 1 where submission_id = ? and network = ? and discounted = 0',
        )
        .run(flag.submissionId, flag.network).changes;
      s.sqlite
        .prepare('update submissions set support_count = max(0, support_count - ?) where id = ?')
        .run(discounted, flag.submissionId);
    }
    s.sqlite
      .prepare('update support_flags set state = ?, resolved_by = ?, resolved_at = ? where id = ?')
      .run(parsed.data.action === 'discount' ? 'discounted' : 'cleared', reviewer.id, now, flagId);
    const supportCount = s.sqlite
      .prepare('select support_count from submissions where id = ?')
      .pluck()
      .get(flag.submissionId) as number;
    // On the submission's timeline (the audit log): who decided, when, and how many supports no
    // longer count. The network stays in support_flags, for staff.
    appendEventLegacy(s, {
      submissionId: flag.submissionId,
      at: now,
      actorId: reviewer.id,
      actorRole: hasRole(reviewer, 'reviewer') ? 'reviewer' : 'admin',
      type: parsed.data.action === 'discount' ? 'supports-discounted' : 'support-burst-cleared',
      data: { flagId, discounted, supportCount },
    });
    return { discounted, supportCount };
  })();
}
