import { request } from './request.ts';
import type { Notification, Page } from './types.ts';

export const listNotifications = (
  query: { page: number; unread?: boolean; pageSize?: number },
  signal?: AbortSignal,
) =>
  request<Page<Notification> & { unread: number }>('/notifications', {
    query: { ...query, unread: query.unread ? '1' : undefined },
    signal,
  });

/** Marks some notifications read, or all of them; answers the unread count after. */
export const markRead = (which: { ids: number[] } | { all: true }) =>
  request<{ unread: number }>('/notifications/read', { method: 'POST', body: which }).then(
    (r) => r.unread,
  );
