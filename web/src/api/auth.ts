import { request } from './request.ts';
import type { User } from './types.ts';

export const me = (signal?: AbortSignal) =>
  request<{ user: User | null }>('/auth/me', { signal }).then((r) => r.user);

export const login = (body: { login: string; password: string }) =>
  request<{ user: User }>('/auth/login', { method: 'POST', body }).then((r) => r.user);

export const register = (body: { login: string; password: string; displayName: string }) =>
  request<{ user: User }>('/auth/register', { method: 'POST', body }).then((r) => r.user);

export const logout = () => request<void>('/auth/logout', { method: 'POST' });
