import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { sessionCookie } from '../auth/sessions.ts';
import type { AppEnv, Services } from '../services.ts';
import { ApiError } from './api-error.ts';
import { StoreUnavailable } from '../store/errors.ts';

/** Puts the services, a request id, the client's address and the signed-in actor on the context. */
export function requestContext(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('services', services);
    c.set('requestId', c.req.header('x-request-id')?.slice(0, 64) || randomUUID());
    c.set('clientIp', clientIp(c, services.config.HUIYIN_TRUST_PROXY));
    const token = getCookie(c, sessionCookie);
    c.set('actor', token ? await services.sessions.actorFor(token, services.clock.now()) : null);
    // Set before next(): a header added afterwards makes the Node adapter rebuild the response.
    c.header('X-Request-Id', c.get('requestId'));
    const started = performance.now();
    await next();
    if (services.config.HUIYIN_REQUEST_LOG) {
      console.log(
        JSON.stringify({
          time: new Date().toISOString(),
          requestId: c.get('requestId'),
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
          user: c.get('actor')?.id ?? null,
        }),
      );
    }
  };
}

function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * State-changing requests must carry JSON and, when a browser says where it comes from, come
 * from our own origin: a cross-site form cannot send JSON, and a cross-site script is refused.
 */
export const guardWrites: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (writeMethods.has(c.req.method)) {
    const origin = c.req.header('origin');
    if (origin && origin !== 'null') {
      const host = c.req.header('x-forwarded-host') ?? c.req.header('host');
      if (new URL(origin).host !== host) {
        throw new ApiError('forbidden', 'Cross-site request refused');
      }
    }
    const length = c.req.header('content-length');
    const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding');
    const type = c.req.header('content-type') ?? '';
    if ((type || hasBody) && !/^application\/json\b/i.test(type)) {
      throw new ApiError('unsupported_media_type', 'Send the request body as application/json');
    }
  }
  await next();
};

/** Every failure leaves as `{ error: { code, message, details? } }`; unknown ones are logged. */
export function handleError(error: Error, c: Context<AppEnv>): Response {
  let apiError: ApiError;
  if (error instanceof ApiError) apiError = error;
  else if (error instanceof HTTPException && error.status === 400) {
    apiError = new ApiError('invalid_json', 'The request body is not valid JSON');
  } else if (error instanceof HTTPException && error.status === 413) {
    apiError = new ApiError('payload_too_large', 'The request body is too large');
  } else if (error instanceof HTTPException && error.status === 415) {
    apiError = new ApiError('unsupported_media_type', 'Send the request body as application/json');
  } else if (error instanceof HTTPException && error.status === 404) {
    apiError = new ApiError('not_found', 'Not found');
  } else if (error instanceof StoreUnavailable) {
    // The database is down or the connection was lost: nothing was acknowledged; try again.
    console.error(
      JSON.stringify({ level: 'error', requestId: c.get('requestId'), error: error.message }),
    );
    apiError = new ApiError(
      'unavailable',
      'The service is briefly unavailable; please try again',
      undefined,
      {
        'Retry-After': '5',
      },
    );
  } else {
    console.error(
      JSON.stringify({
        level: 'error',
        requestId: c.get('requestId'),
        error: String(error.stack ?? error),
      }),
    );
    apiError = new ApiError('internal', 'Something went wrong on our side');
  }
  const body = apiError.toBody();
  const requestId = c.get('requestId');
  if (requestId) (body.error as Record<string, unknown>).requestId = requestId;
  return c.json(body, apiError.status, apiError.headers);
}
