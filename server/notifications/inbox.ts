import type { Actor } from '../auth/actor.ts';
import { requireActor } from '../auth/permissions.ts';
import type { Services } from '../services.ts';
import type { NotificationData } from './notify.ts';

export type InboxQuery = { page: number; pageSize: number; unread?: string | undefined };

/** My in-app inbox, newest first, with the unread count: three statements, read together. */
export async function inboxPage(s: Services, actor: Actor | null, q: InboxQuery) {
  const user = requireActor(actor);
  const onlyUnread = q.unread !== undefined;
  const { rows, total, unread } = await s.store.snapshot(async (tx) => {
    const rows = await tx.notifications.inbox(user.id, onlyUnread, q);
    const unread = await tx.notifications.countUnread(user.id);
    const total = onlyUnread ? unread : await tx.notifications.countAll(user.id);
    return { rows, total, unread };
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      type: r.type,
      submissionId: r.submissionId,
      data: (r.data ? JSON.parse(r.data) : {}) as NotificationData,
      createdAt: r.createdAt,
      read: r.readAt !== null,
    })),
    page: q.page,
    pageSize: q.pageSize,
    total,
    unread,
  };
}

/** Marks some (ids) or all of my notifications read; answers the unread count after. */
export async function markNotificationsRead(
  s: Services,
  actor: Actor | null,
  input: { ids: number[] } | { all: true },
): Promise<{ unread: number }> {
  const user = requireActor(actor);
  const now = s.clock.now();
  const unread = await s.store.write(async (tx) => {
    if ('ids' in input) await tx.notifications.markRead(user.id, input.ids, now);
    else await tx.notifications.markAllRead(user.id, now);
    return tx.notifications.countUnread(user.id);
  });
  return { unread };
}
