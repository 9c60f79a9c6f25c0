import { createRoute, z } from '@hono/zod-openapi';
import { clusterEventTypes, roles } from '../../schema/states.ts';
import { clusterEvents } from '../clusters/cluster-events.ts';
import { campaignClusters, clusterPage } from '../clusters/cluster-views.ts';
import { mergeClusters } from '../clusters/merge-clusters.ts';
import { requestClusterRun } from '../clusters/rerun-clustering.ts';
import { splitCluster } from '../clusters/split-cluster.ts';
import { updateCluster } from '../clusters/update-cluster.ts';
import { errorResponses, json, SubmissionSchema, jsonBody } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';

const tags = ['Clusters'];

const ClusterSchema = z
  .object({
    id: z.string(),
    title: z.string().openapi({ description: "The editor's name, or the key phrases joined" }),
    phrases: z.array(z.string()),
    renamed: z.boolean(),
    locked: z.boolean(),
    people: z.number().openapi({ description: 'Published submissions in it (each person counts)' }),
    voices: z
      .number()
      .openapi({ description: 'Distinct texts: a form letter sent by N people is one voice' }),
    supports: z.number(),
    lastWeek: z
      .number()
      .openapi({ description: 'Submissions published in the last 7 days (hot topics)' }),
    representative: SubmissionSchema.nullable(),
  })
  .openapi('Cluster');

const ClusterEventSchema = z
  .object({
    id: z.number(),
    at: z.number(),
    type: z.enum(clusterEventTypes),
    clusterId: z
      .string()
      .nullable()
      .openapi({ description: 'null when it concerns the whole campaign (a re-run asked for)' }),
    actor: z.object({ id: z.string(), name: z.string().nullable(), role: z.enum(roles) }),
    data: z.record(z.string(), z.unknown()).nullable().openapi({
      description: 'What changed: the new title, the clusters merged, the members split out …',
    }),
  })
  .openapi('ClusterEvent');

const idParam = z.object({ id: z.string().max(64) });
const okCluster = json(z.object({ cluster: ClusterSchema }), 'The cluster after the change');

export const clusterRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/campaigns/{slug}/clusters',
      tags,
      summary: "A campaign's topic clusters: size (people and voices), supports, growth this week",
      request: {
        params: z.object({ slug: z.string().max(64) }),
        query: z.object({ sort: z.enum(['people', 'hot', 'supports']).default('people') }),
      },
      responses: {
        200: json(z.object({ items: z.array(ClusterSchema) }), 'Clusters'),
        ...errorResponses(404),
      },
    }),
    async (c) =>
      c.json(
        await campaignClusters(
          c.var.services,
          c.var.actor,
          c.req.valid('param').slug,
          c.req.valid('query').sort,
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/clusters/{id}',
      tags,
      summary: 'One cluster with its published members, most supported first',
      request: {
        params: idParam,
        query: z.object({ page: z.coerce.number().int().min(1).default(1) }),
      },
      responses: {
        200: json(
          z.object({
            cluster: ClusterSchema,
            members: z.array(SubmissionSchema),
            total: z.number(),
          }),
          'Cluster',
        ),
        ...errorResponses(404),
      },
    }),
    async (c) =>
      c.json(
        await clusterPage(
          c.var.services,
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('query').page,
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/campaigns/{slug}/clusters/run',
      tags,
      summary:
        'Re-cluster the whole campaign (a recorded background job; editors’ decisions are kept)',
      request: { params: z.object({ slug: z.string().max(64) }) },
      responses: {
        202: json(z.object({ job: z.string() }), 'Queued'),
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) =>
      c.json(await requestClusterRun(c.var.services, c.var.actor, c.req.valid('param').slug), 202),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/clusters/{id}',
      tags,
      summary: 'Rename, lock or unlock a cluster, or pin its representative (editor, owner)',
      request: {
        params: idParam,
        body: jsonBody(
          z.object({
            title: z
              .string()
              .trim()
              .min(1)
              .max(60)
              .nullable()
              .optional()
              .openapi({ description: 'null gives the name back to the algorithm' }),
            locked: z.boolean().optional(),
            representative: z.string().max(64).optional(),
          }),
        ),
      },
      responses: { 200: okCluster, ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await updateCluster(
          c.var.services,
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/clusters/{id}/merge',
      tags,
      summary: 'Merge other clusters into this one; their members are pinned here (editor, owner)',
      request: {
        params: idParam,
        body: jsonBody(z.object({ from: z.array(z.string().max(64)).min(1).max(50) })),
      },
      responses: { 200: okCluster, ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await mergeClusters(
          c.var.services,
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('json').from,
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/clusters/{id}/split',
      tags,
      summary: 'Split chosen members out into a new cluster, pinned there (editor, owner)',
      request: {
        params: idParam,
        body: jsonBody(
          z.object({
            members: z.array(z.string().max(64)).min(1).max(5000),
            title: z.string().trim().min(1).max(60).optional(),
          }),
        ),
      },
      responses: { 201: okCluster, ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { members, title } = c.req.valid('json');
      return c.json(
        await splitCluster(c.var.services, c.var.actor, c.req.valid('param').id, members, title),
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/clusters/{id}/events',
      tags,
      summary:
        "A cluster's audit trail: who renamed, locked, pinned, merged or split it, and re-runs of its campaign (editor, owner)",
      request: { params: idParam },
      responses: {
        200: json(z.object({ items: z.array(ClusterEventSchema) }), 'Events, oldest first'),
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) =>
      c.json(await clusterEvents(c.var.services, c.var.actor, c.req.valid('param').id), 200),
  );
