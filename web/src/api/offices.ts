// Leaders' offices (领导办公室): the messages written to the leaders an office serves, and the
// office's instruction (批示) on one of them (tag Handling of the API).
import { request } from './request.ts';
import type { HandlingView, InboxItem, LocalText, Page } from './types.ts';

export type OfficeView = 'open' | 'answered' | 'all';
export const officeViews: readonly OfficeView[] = ['open', 'answered', 'all'];

/** One page of an office's messages, soonest due first, and the leaders the office serves. */
export type OfficePage = Page<InboxItem> & { addressees: { key: string; title: LocalText }[] };

export type OfficeQuery = { view: OfficeView; addressee?: string; page: number };

export const officeMessages = (q: OfficeQuery, signal?: AbortSignal) =>
  request<OfficePage>('/office/messages', { query: q, ...(signal ? { signal } : {}) });

/** 急办 (the matter becomes urgent, its due date follows) or 一般 (priority unchanged). */
export type InstructionPriority = 'urgent' | 'normal';
export const instructionPriorities: readonly InstructionPriority[] = ['urgent', 'normal'];

export const instruct = (id: string, body: { note: string; priority: InstructionPriority }) =>
  request<HandlingView>(`/submissions/${encodeURIComponent(id)}/instruction`, {
    method: 'POST',
    body,
  });
