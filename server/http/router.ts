import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../services.ts';
import { validationError } from './api-error.ts';

type RouteConfig = Parameters<OpenAPIHono<AppEnv>['openapi']>[0];

/**
 * Unknown keys in a JSON body are refused (400 validation_failed naming each one) rather than
 * silently dropped: a client that misspells a field learns so, and nothing unexpected slips by.
 */
function strictBody<R extends RouteConfig>(route: R): R {
  const content = route.request?.body?.content;
  const schema = (content?.['application/json'] as { schema?: unknown } | undefined)?.schema;
  if (!content || !(schema instanceof z.ZodObject)) return route;
  return {
    ...route,
    request: {
      ...route.request,
      body: {
        ...route.request!.body!,
        content: {
          ...content,
          'application/json': { ...content['application/json'], schema: schema.strict() },
        },
      },
    },
  };
}

/** A sub-app whose request validation failures answer in the one error shape. */
export function createRouter() {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error);
    },
  });
  const register = router.openapi;
  router.openapi = ((route, handler, hook) =>
    register(strictBody(route), handler, hook)) as typeof register;
  return router;
}
