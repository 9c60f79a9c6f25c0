// The handling workflow: inboxes and queues, the unit's replies, transfers and extensions, the
// reviewers' decisions, the author's rating and collective replies (tag Handling of the API).
import { request } from './request.ts';
import type {
  HandlingView,
  InboxItem,
  Page,
  ReplyQueueItem,
  ReturnReason,
  Satisfaction,
  Supervision,
  UnitMonth,
  Urgency,
} from './types.ts';

const sub = (id: string) => `/submissions/${encodeURIComponent(id)}`;

export type InboxView = 'open' | 'replied' | 'answered' | 'escalated' | 'all';
export const inboxViews: readonly InboxView[] = ['open', 'replied', 'answered', 'escalated', 'all'];

export type InboxQuery = {
  view: InboxView;
  topic?: string;
  urgency?: Urgency;
  overdue?: boolean;
  page: number;
};

export const inbox = (q: InboxQuery, signal?: AbortSignal) =>
  request<Page<InboxItem>>('/handling/inbox', {
    query: { ...q, overdue: q.overdue ? '1' : undefined },
    signal,
  });

export const triage = (page: number, signal?: AbortSignal) =>
  request<Page<InboxItem>>('/handling/triage', { query: { page }, signal });

export const extensionRequests = (page: number, signal?: AbortSignal) =>
  request<Page<InboxItem>>('/handling/extensions', { query: { page }, signal });

export const replyQueue = (page: number, signal?: AbortSignal) =>
  request<Page<ReplyQueueItem>>('/handling/replies', { query: { page }, signal });

export const supervision = (signal?: AbortSignal) =>
  request<Supervision>('/handling/supervision', { signal });

export const unitMonth = (query: { unit?: string; month?: string }, signal?: AbortSignal) =>
  request<UnitMonth>('/handling/monthly', { query, signal });

export type NewReply = { body: string; office?: string; contactPhone?: string };

export const submitReply = (id: string, body: NewReply) =>
  request<HandlingView>(`${sub(id)}/replies`, { method: 'POST', body });

export const transfer = (id: string, body: { unit: string; reason: string }) =>
  request<HandlingView>(`${sub(id)}/transfer`, { method: 'POST', body });

export const requestExtension = (id: string, body: { days: number; reason: string }) =>
  request<HandlingView>(`${sub(id)}/extension`, { method: 'POST', body });

export const assign = (id: string, body: { unit: string; reason?: string; topic?: string }) =>
  request<HandlingView>(`${sub(id)}/assign`, { method: 'POST', body });

export const changeUrgency = (id: string, body: { urgency: Urgency; reason: string }) =>
  request<HandlingView>(`${sub(id)}/urgency`, { method: 'POST', body });

/** A reviewer corrects whom a board message is written to (an addressee key), with a reason. */
export const correctAddressee = (id: string, body: { addressee: string; reason: string }) =>
  request<HandlingView>(`${sub(id)}/addressee`, { method: 'POST', body });

export const decideExtension = (id: string, body: { grant: boolean; note?: string }) =>
  request<HandlingView>(`${sub(id)}/extension/decision`, { method: 'POST', body });

export const approveReply = (replyId: string) =>
  request<{ ok: true }>(`/replies/${encodeURIComponent(replyId)}/approve`, { method: 'POST' });

export const returnReply = (replyId: string, body: { reason: ReturnReason; note: string }) =>
  request<{ ok: true }>(`/replies/${encodeURIComponent(replyId)}/return`, {
    method: 'POST',
    body,
  });

export const rate = (id: string, body: { value: Satisfaction; comment?: string }) =>
  request<HandlingView>(`${sub(id)}/rating`, { method: 'POST', body });

export type NewCollectiveReply = {
  title: string;
  body: string;
  office?: string;
  topic?: string;
  submissionIds?: string[];
};

export const publishCollectiveReply = (slug: string, body: NewCollectiveReply) =>
  request<{ id: string; members: number }>(
    `/campaigns/${encodeURIComponent(slug)}/collective-replies`,
    { method: 'POST', body },
  );
