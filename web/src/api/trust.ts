// Two-step verification, platform settings, reports (举报) and support bursts.
import type { HoldState, ReportReason, ReportTarget } from '../../../schema/states.ts';
import { request } from './request.ts';
import type { User } from './types.ts';

export type TwoFactorStatus = { enabled: boolean; recoveryCodesLeft: number };
export type Enrolment = { secret: string; otpauthUri: string; qrCode: string };
export type PendingLogin = { token: string; expiresAt: number };

export const loginSecondStep = (token: string, code: string) =>
  request<{ user: User }>('/auth/login/2fa', { method: 'POST', body: { token, code } }).then(
    (r) => r.user,
  );
export const twoFactorStatus = (signal?: AbortSignal) =>
  request<TwoFactorStatus>('/auth/2fa', { signal });
export const startEnrolment = () => request<Enrolment>('/auth/2fa/enrol', { method: 'POST' });
export const confirmEnrolment = (code: string) =>
  request<{ recoveryCodes: string[] }>('/auth/2fa/confirm', { method: 'POST', body: { code } });
export const disableTwoFactor = (code: string) =>
  request<TwoFactorStatus>('/auth/2fa/disable', { method: 'POST', body: { code } });

export type PlatformSettings = { requireStaff2fa: boolean; staffWithout2fa: number };
export const getSettings = (signal?: AbortSignal) =>
  request<PlatformSettings>('/admin/settings', { signal });
export const saveSettings = (body: { requireStaff2fa: boolean }) =>
  request<PlatformSettings>('/admin/settings', { method: 'PUT', body });

const base = (kind: ReportTarget, id: string) =>
  `/${kind === 'submission' ? 'submissions' : 'replies'}/${encodeURIComponent(id)}`;

export const report = (
  kind: ReportTarget,
  id: string,
  body: { reason: ReportReason; note?: string },
) =>
  request<{ reports: number; hold: HoldState | null }>(`${base(kind, id)}/report`, {
    method: 'POST',
    body,
  });

export type ModerationAction = 'dismiss' | 'hide' | 'reject' | 'restore';
export const decide = (kind: ReportTarget, id: string, action: ModerationAction, reason?: string) =>
  request<{ hold: HoldState | null; status: string }>(`${base(kind, id)}/moderation`, {
    method: 'POST',
    body: reason ? { action, reason } : { action },
  });

export type ReportGroup = {
  kind: ReportTarget;
  id: string;
  submissionId: string;
  ref: string;
  title: string | null;
  body: string;
  reports: number;
  reasons: Partial<Record<ReportReason, number>>;
  notes: string[];
  hold: HoldState | null;
  firstAt: number;
  lastAt: number;
};
export const reportQueue = (signal?: AbortSignal) =>
  request<{ items: ReportGroup[] }>('/moderation/reports', { signal }).then((r) => r.items);

export type SupportFlag = {
  id: number;
  submissionId: string;
  ref: string;
  title: string;
  network: string;
  firstAt: number;
  lastAt: number;
  supportCount: number;
  fromNetwork: number;
  addresses: number;
  inWindow: number;
  share: number;
};
export const supportFlags = (signal?: AbortSignal) =>
  request<{ items: SupportFlag[] }>('/moderation/support-flags', { signal }).then((r) => r.items);
export const decideFlag = (id: number, action: 'discount' | 'clear') =>
  request<{ discounted: number; supportCount: number }>(`/support-flags/${id}/decision`, {
    method: 'POST',
    body: { action },
  });
