import { z } from 'zod';
import { hasRole, type Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/permissions.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import type { Tx } from '../store/store.ts';
import { networkOf, plainIp } from './network.ts';

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

export type SupportFlagView = Awaited<ReturnType<typeof listSupportFlags>>[number];

/** How many open flags the moderators' list shows. */
const flagListSize = 200;

/** Open flags with the figures a moderator needs to judge them, newest burst first. */
export async function listSupportFlags(s: Services, actor: Actor | null) {
  requireRole(actor, 'reviewer', 'admin');
  const rows = await s.store.trust.openSupportFlags(flagListSize);
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
export async function decideSupportFlag(
  s: Services,
  actor: Actor | null,
  flagId: number,
  raw: unknown,
): Promise<{ discounted: number; supportCount: number }> {
  const reviewer = requireRole(actor, 'reviewer', 'admin');
  const parsed = flagDecisionInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const { action } = parsed.data;
  const now = s.clock.now();
  return s.store.write(async (tx) => {
    const flag = await tx.trust.supportFlag(flagId);
    if (!flag) throw new ApiError('not_found', 'No such flag');
    if (flag.state !== 'open') throw new ApiError('invalid_transition', 'Already decided');
    const discounted =
      action === 'discount' ? await tx.trust.discountSupports(flag.submissionId, flag.network) : 0;
    await tx.trust.decideSupportFlag(
      flagId,
      action === 'discount' ? 'discounted' : 'cleared',
      reviewer.id,
      now,
    );
    const supportCount = await tx.trust.supportCountOf(flag.submissionId);
    // On the submission's timeline (the audit log): who decided, when, and how many supports no
    // longer count. The network stays in support_flags, for staff.
    await tx.timeline.append({
      submissionId: flag.submissionId,
      at: now,
      actorId: reviewer.id,
      actorRole: hasRole(reviewer, 'reviewer') ? 'reviewer' : 'admin',
      type: action === 'discount' ? 'supports-discounted' : 'support-burst-cleared',
      data: { flagId, discounted, supportCount },
    });
    return { discounted, supportCount };
  });
}
