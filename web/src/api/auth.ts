import { request } from './request.ts';
import type { User } from './types.ts';

export const me = (signal?: AbortSignal) =>
  request<{ user: User | null }>('/auth/me', { signal }).then((r) => r.user);

/** Signs in, or answers the pending login when a second factor is due. */
export const login = (body: { login: string; password: string }) =>
  request<{ user: User } | { twoFactor: { token: string; expiresAt: number } }>('/auth/login', {
    method: 'POST',
    body,
  });

export const register = (body: { login: string; password: string; displayName: string }) =>
  request<{ user: User }>('/auth/register', { method: 'POST', body }).then((r) => r.user);

export const logout = () => request<void>('/auth/logout', { method: 'POST' });
