import { createRoute, z } from '@hono/zod-openapi';
import { describeCampaign, summarizeCampaign, campaignStats } from '../campaigns/campaign-view.ts';
import {
  createConsoleCampaign,
  updateConsoleCampaign,
} from '../campaigns/save-console-campaign.ts';
import { ownsCampaign, requireActor, requireRole } from '../auth/permissions.ts';
import { ApiError } from '../http/api-error.ts';
import {
  CampaignSchema,
  CampaignSummarySchema,
  errorResponses,
  json,
} from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import type { Services } from '../services.ts';

const tags = ['Campaigns'];
const slugParam = z.object({ slug: z.string().max(64).openapi({ example: 'leadership-board' }) });
const definitionBody = {
  required: true,
  content: {
    'application/json': {
      schema: z.object({
        definition: z
          .unknown()
          .openapi({ description: 'A campaign definition, as in campaigns/*.campaign.yaml' }),
      }),
    },
  },
};

function campaignOr404(s: Services, slug: string) {
  const record = s.campaigns.get(slug);
  if (!record) throw new ApiError('not_found', 'No such campaign');
  return record;
}

export const campaignRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/campaigns',
      tags,
      summary: 'List campaigns',
      description:
        'Open campaigns (in a phase today) by default; `state=all` lists every campaign.',
      request: { query: z.object({ state: z.enum(['open', 'all']).default('open') }) },
      responses: { 200: json(z.object({ items: z.array(CampaignSummarySchema) }), 'Campaigns') },
    }),
    async (c) => {
      const s = c.var.services;
      const { state } = c.req.valid('query');
      const stats = await campaignStats(s);
      const items = s.campaigns
        .all()
        .map((r) => summarizeCampaign(s, r, stats))
        .filter((x) => state === 'all' || x.currentPhase !== null)
        .sort(
          (a, b) =>
            Number(b.acceptsSubmissions) - Number(a.acceptsSubmissions) ||
            (a.closesOn ?? '9999').localeCompare(b.closesOn ?? '9999'),
        );
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/campaigns/{slug}',
      tags,
      summary: 'One campaign with its phases, topics and form',
      request: { params: slugParam },
      responses: {
        200: json(z.object({ campaign: CampaignSchema }), 'The campaign'),
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const s = c.var.services;
      const record = campaignOr404(s, c.req.valid('param').slug);
      return c.json({ campaign: await describeCampaign(s, c.var.actor, record) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/campaigns/{slug}/definition',
      tags,
      summary: "A campaign's definition, for its owner's editor",
      request: { params: slugParam },
      responses: {
        200: json(
          z.object({
            definition: z.unknown(),
            source: z.enum(['file', 'console']),
            sourceFile: z.string().nullable(),
          }),
          'The definition as stored',
        ),
        ...errorResponses(401, 403, 404),
      },
    }),
    (c) => {
      const s = c.var.services;
      const actor = requireActor(c.var.actor);
      const record = campaignOr404(s, c.req.valid('param').slug);
      if (!ownsCampaign(s, actor, record))
        throw new ApiError('forbidden', 'This is not your campaign');
      return c.json(
        {
          definition: record.definition as unknown,
          source: record.source,
          sourceFile: record.sourceFile,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/campaigns',
      tags,
      summary: 'Create a campaign from the console (owner, admin)',
      request: { body: definitionBody },
      responses: {
        201: json(z.object({ campaign: CampaignSchema }), 'Created'),
        ...errorResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const s = c.var.services;
      requireRole(c.var.actor, 'owner', 'admin');
      const record = await createConsoleCampaign(s, c.var.actor, c.req.valid('json').definition);
      return c.json({ campaign: await describeCampaign(s, c.var.actor, record) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/campaigns/{slug}',
      tags,
      summary: 'Edit a console campaign (its owner, admin)',
      description: 'Campaigns defined by files under campaigns/ answer 409 managed_by_file.',
      request: { params: slugParam, body: definitionBody },
      responses: {
        200: json(z.object({ campaign: CampaignSchema }), 'Saved'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const s = c.var.services;
      const record = await updateConsoleCampaign(
        s,
        c.var.actor,
        c.req.valid('param').slug,
        c.req.valid('json').definition,
      );
      return c.json({ campaign: await describeCampaign(s, c.var.actor, record) }, 200);
    },
  );
