import { createRoute, z } from '@hono/zod-openapi';
import { StorySchema } from '../http/adoption-schemas.ts';
import { errorResponses, json, jsonBody, optionalCampaign } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { createStory } from '../tracing/create-story.ts';
import { getStory, listStories } from '../tracing/story-views.ts';
import { updateStory } from '../tracing/update-story.ts';

const tags = ['Adoption'];
const storyFields = {
  title: z.string().trim().min(2).max(120),
  body: z.string().trim().min(10).max(10_000),
  adoptions: z.array(z.string().max(64)).max(50),
};
const StoryInput = z.strictObject({ ...storyFields, adoptions: storyFields.adoptions.default([]) });
// No defaults here: a field left out of a change stays as it is.
const StoryChange = z
  .strictObject(storyFields)
  .partial()
  .extend({ published: z.boolean().optional() });

export const storyRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/stories',
      tags,
      summary: 'Published adoption stories (curators also see their drafts with drafts=1)',
      request: {
        query: z.object({
          campaign: z.string().max(64).optional(),
          drafts: z.enum(['0', '1']).default('0'),
        }),
      },
      responses: {
        200: json(z.object({ items: z.array(StorySchema) }), 'Stories'),
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const s = c.var.services;
      const { campaign: slug, drafts } = c.req.valid('query');
      const campaign = optionalCampaign(s, slug);
      const items = await listStories(s, c.var.actor, {
        campaignId: campaign?.id ?? null,
        drafts: drafts === '1',
      });
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/campaigns/{slug}/stories',
      tags,
      summary: 'Draft a story about adoptions of the campaign (editor, owner)',
      request: { params: z.object({ slug: z.string().max(64) }), body: jsonBody(StoryInput) },
      responses: {
        201: json(z.object({ story: StorySchema }), 'Drafted'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const s = c.var.services;
      const id = await createStory(s, c.var.actor, c.req.valid('param').slug, c.req.valid('json'));
      return c.json({ story: await getStory(s, id) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/stories/{id}',
      tags,
      summary: 'Edit, publish (published: true) or take back (published: false) a story',
      request: {
        params: z.object({ id: z.string().max(64) }),
        body: jsonBody(StoryChange),
      },
      responses: {
        200: json(z.object({ story: StorySchema }), 'Changed'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const s = c.var.services;
      const { id } = c.req.valid('param');
      await updateStory(s, c.var.actor, id, c.req.valid('json'));
      return c.json({ story: await getStory(s, id) }, 200);
    },
  );
