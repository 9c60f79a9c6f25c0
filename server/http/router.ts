import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../services.ts';
import { validationError } from './api-error.ts';

/** A sub-app whose request validation failures answer in the one error shape. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error);
    },
  });
}
