// The one way the web app talks to the server: JSON in, JSON out, errors parsed into ApiError.
// Every error body is { error: { code, message, details? } } (README "API" and /api/openapi.json).

export const errorCodes = [
  'validation_failed',
  'invalid_json',
  'unauthenticated',
  'invalid_credentials',
  'invalid_code',
  'forbidden',
  'two_factor_required',
  'not_found',
  'login_taken',
  'slug_taken',
  'already_supported',
  'already_reported',
  'invalid_transition',
  'phase_closed',
  'managed_by_file',
  'already_linked',
  'not_a_member',
  'document_predates_suggestion',
  'span_not_in_clause',
  'unknown_addressee',
  'addressee_retired',
  'addressee_out_of_region',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Field path → message, from details.fields of a validation_failed answer. */
export type FieldErrors = Record<string, string>;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** A code from the contract's closed list, or 'network' when the server could not be reached. */
    readonly code: ErrorCode | 'network' | 'unknown',
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** The per-field messages of a validation_failed answer (empty object otherwise). */
  get fields(): FieldErrors {
    const d = this.details;
    if (d && typeof d === 'object' && 'fields' in d) {
      const fields = (d as { fields: unknown }).fields;
      if (fields && typeof fields === 'object') {
        const out: FieldErrors = {};
        for (const [k, v] of Object.entries(fields)) out[k] = String(v);
        return out;
      }
    }
    return {};
  }
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
};

/** Calls /api<path> and returns the parsed JSON (undefined for 204). Throws ApiError. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(`/api${path}`, window.location.origin);
  for (const [k, v] of Object.entries(options.query ?? {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  }
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    signal: options.signal ?? null,
  };
  if (options.body !== undefined) {
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
    init.body = JSON.stringify(options.body);
  } else if (init.method !== 'GET') {
    // State-changing requests always declare JSON (the server checks it with the Origin).
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
  }

  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError('network', e instanceof Error ? e.message : String(e), 0);
  }
  if (response.status === 204) return undefined as T;

  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const err =
      data && typeof data === 'object' && 'error' in data
        ? (data as { error: { code?: unknown; message?: unknown; details?: unknown } }).error
        : undefined;
    const code = isErrorCode(err?.code) ? err.code : 'unknown';
    const message = typeof err?.message === 'string' ? err.message : response.statusText;
    throw new ApiError(code, message, response.status, err?.details);
  }
  return data as T;
}
