import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** The closed list of error codes the API answers with, and the HTTP status each one carries. */
export const errorStatus = {
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_code: 401,
  forbidden: 403,
  two_factor_required: 403,
  not_found: 404,
  login_taken: 409,
  slug_taken: 409,
  already_supported: 409,
  already_reported: 409,
  invalid_transition: 409,
  phase_closed: 409,
  managed_by_file: 409,
  already_linked: 409,
  /** A submission chosen for an adoption is not (or no longer) behind its cluster or submission. */
  not_a_member: 409,
  /** The policy document is dated before a chosen suggestion was written: explain, then acknowledge. */
  document_predates_suggestion: 409,
  span_not_in_clause: 400,
  /** No addressee has this key. */
  unknown_addressee: 400,
  /** The addressee is retired: its board stays, it takes no new messages. */
  addressee_retired: 409,
  /** The addressee lies outside the campaign's regions, or the message's place outside its jurisdiction. */
  addressee_out_of_region: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof errorStatus;
export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = errorStatus[code];
  }

  toBody() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

/** Flattens zod issues into `{ fields: { "path.to.field": "message" } }` for forms to show. */
export function validationError(
  error: z.ZodError,
  message = 'Some fields are not valid',
): ApiError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // Each unknown key is named as a field of its own, so a form can point at it.
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] ??= 'unknown field';
      continue;
    }
    const path = issue.path.join('.') || '_';
    fields[path] ??= issue.message;
  }
  return new ApiError('validation_failed', message, { fields });
}
