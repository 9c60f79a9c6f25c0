import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Store } from './store/store.ts';
import { ApiError } from './http/api-error.ts';
import { guardWrites, handleError, requestContext } from './http/middleware.ts';
import { strictJson } from './http/strict-json.ts';
import { authRoutes } from './routes/auth.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { healthRoutes } from './routes/health.ts';
import { moderationRoutes } from './routes/moderation.ts';
import { handlingRoutes } from './routes/handling.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { organisationRoutes } from './routes/organisations.ts';
import { searchRoutes } from './routes/search.ts';
import { duplicateRoutes } from './routes/duplicates.ts';
import { classifierRoutes } from './routes/classifier.ts';
import { clusterRoutes } from './routes/clusters.ts';
import { exportRoutes } from './routes/exports.ts';
import { figureRoutes } from './routes/figures.ts';
import { regionRoutes } from './routes/regions.ts';
import { boardRoutes } from './routes/boards.ts';
import { scorecardRoutes } from './routes/scorecards.ts';
import { submissionRoutes } from './routes/submissions.ts';
import { policyDocumentRoutes } from './routes/policy-documents.ts';
import { adoptionRoutes } from './routes/adoptions.ts';
import { storyRoutes } from './routes/stories.ts';
import { settingsRoutes } from './routes/settings.ts';
import { reportRoutes } from './routes/reports.ts';
import { twoFactorRoutes } from './routes/two-factor.ts';
import { requireTwoFactor } from './auth/require-two-factor.ts';
import { createServices, type AppEnv, type Services } from './services.ts';

export type AppOptions = {
  /** The opened store (server/store/open-store.ts). */
  store: Store;
  clock: Clock;
  config: Config;
  /** Folder of the built web app to serve (production); omit for an API-only app. */
  webDist?: string;
};

function createApi() {
  const api = new OpenAPIHono<AppEnv>()
    .route('/', healthRoutes)
    .route('/', authRoutes)
    .route('/', regionRoutes)
    .route('/', boardRoutes)
    .route('/', campaignRoutes)
    .route('/', submissionRoutes)
    .route('/', moderationRoutes)
    .route('/', handlingRoutes)
    .route('/', notificationRoutes)
    .route('/', organisationRoutes)
    .route('/', searchRoutes)
    .route('/', duplicateRoutes)
    .route('/', classifierRoutes)
    .route('/', clusterRoutes)
    .route('/', policyDocumentRoutes)
    .route('/', adoptionRoutes)
    .route('/', storyRoutes)
    .route('/', twoFactorRoutes)
    .route('/', settingsRoutes)
    .route('/', reportRoutes)
    .route('/', figureRoutes)
    .route('/', scorecardRoutes)
    .route('/', exportRoutes);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    servers: [{ url: '/api' }],
    info: {
      title: 'Huiyin (回音) API',
      version: '0.1.0',
      description:
        'Campaigns, submissions, accounts and moderation. Errors are `{ error: { code, message, details? } }`. Sign in with POST /api/auth/login; the session is an HttpOnly cookie.',
    },
  });
  return api;
}

export type ApiType = ReturnType<typeof createApi>;

export async function createApp(
  options: AppOptions,
): Promise<{ app: OpenAPIHono<AppEnv>; services: Services }> {
  const services = await createServices(options.store, options.clock, options.config);
  const app = new OpenAPIHono<AppEnv>();
  app.onError(handleError);
  app.use('*', requestContext(services));
  // No inline scripts or styles anywhere: Lit styles are constructable stylesheets, which CSP
  // does not block, and citizens' text is only ever rendered as text.
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
      strictTransportSecurity: options.config.HUIYIN_SECURE_COOKIES
        ? 'max-age=31536000; includeSubDomains'
        : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  // Policy documents are whole reports (the 20th congress report is ~300 KB of UTF-8); every
  // other request is a form's worth.
  const maxBody = 256 * 1024;
  const maxDocumentBody = 2 * 1024 * 1024;
  const tooLarge = () => {
    throw new ApiError('payload_too_large', 'The request body is too large');
  };
  const limitStreamedBody = bodyLimit({ maxSize: maxBody, onError: tooLarge });
  const limitStreamedDocument = bodyLimit({ maxSize: maxDocumentBody, onError: tooLarge });
  // A declared length is checked without wrapping the body stream (that wrapping is costly in the
  // Node adapter); only bodies of unknown length are counted as they stream.
  app.use('/api/*', async (c, next) => {
    const isDocument = c.req.path.startsWith('/api/policy-documents');
    const length = c.req.header('content-length');
    if (length === undefined)
      return (isDocument ? limitStreamedDocument : limitStreamedBody)(c, next);
    if (Number(length) > (isDocument ? maxDocumentBody : maxBody)) tooLarge();
    await next();
  });
  app.use('/api/*', guardWrites);
  app.use('/api/*', strictJson);
  app.use('/api/*', requireTwoFactor);
  app.route('/api', createApi());
  app.all('/api/*', () => {
    throw new ApiError('not_found', 'No such API route');
  });

  if (options.webDist && existsSync(join(options.webDist, 'index.html'))) {
    const root = relative(process.cwd(), options.webDist) || '.';
    const indexFile = join(options.webDist, 'index.html');
    app.use('/assets/*', async (c, next) => {
      await next();
      // Vite fingerprints asset names, so they may be cached for good.
      if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    });
    app.use('*', serveStatic({ root }));
    // Client-side routes (/c/slug, /s/id, …) all load the single-page app.
    // Read per request: a rebuild (new asset names) takes effect without a restart.
    app.get('*', (c) => c.html(readFileSync(indexFile, 'utf8')));
  }
  return { app, services };
}
