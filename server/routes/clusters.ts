import { createRoute, z } from '@hono/zod-openapi';
import type { Actor } from '../auth/actor.ts';
import { ApiError } from '../http/api-error.ts';
import { errorResponses, json, SubmissionSchema, jsonBody } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { newId } from '../ids.ts';
import { enqueueJob } from '../jobs/job-runner.ts';
import type { Services } from '../services.ts';
import { requireCurator } from '../auth/curators.ts';
import { queueMatching } from '../tracing/queue-matching.ts';
import { findSubmissionLegacy, voiceWeightsLegacy } from '../submissions/submission-queries.ts';
import { publicStatusSql, publicStatuses } from '../submissions/submission-row.ts';
import { viewSubmissionLegacy, withholdingLegacy } from '../submissions/submission-view.ts';
import { shownSql } from '../trust/content-holds.ts';
import { maskLabel } from '../sensemaking/topic-clusters.ts';

const tags = ['Clusters'];
const statusList = publicStatusSql;

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

type ClusterRow = {
  id: string;
  campaignId: string;
  title: string | null;
  phrases: string;
  representativeId: string | null;
  locked: number;
  people: number;
  voices: number;
  supports: number;
  lastWeek: number;
};

function clusterRows(s: Services, where: string, ...args: (string | number)[]): ClusterRow[] {
  const weekAgo = s.clock.now() - 7 * 86_400_000;
  return s.sqlite
    .prepare(
      `select c.id, c.campaign_id as campaignId, c.title, c.phrases, c.representative_id as representativeId, c.locked,
         count(s.id) as people,
         count(distinct coalesce(t.group_id, s.id)) as voices,
         coalesce(sum(s.support_count), 0) as supports,
         sum(case when s.published_at >= ? then 1 else 0 end) as lastWeek
       from clusters c left join cluster_members m on m.cluster_id = c.id
       left join submissions s on s.id = m.submission_id and s.status in (${statusList})
       left join text_signatures t on t.submission_id = s.id
       where c.merged_into is null and ${where} group by c.id`,
    )
    .all(weekAgo, ...args) as ClusterRow[];
}

/**
 * The representative readers see: the chosen one, unless its text is withheld from this reader
 * after reports; then the most supported member whose text is shown stands in for it.
 */
function representativeFor(s: Services, actor: Actor | null, c: ClusterRow) {
  const rep = c.representativeId ? findSubmissionLegacy(s, c.representativeId) : undefined;
  if (!rep || !publicStatuses.includes(rep.status) || !withholdingLegacy(s, actor, rep).withheld)
    return rep;
  const standIn = s.sqlite
    .prepare(
      `select s.id from cluster_members m join submissions s on s.id = m.submission_id
       where m.cluster_id = ? and s.status in (${statusList}) and ${shownSql('submission', 's.id')}
       order by s.support_count desc, s.published_at desc limit 1`,
    )
    .pluck()
    .get(c.id) as string | undefined;
  return standIn ? findSubmissionLegacy(s, standIn) : undefined;
}

function viewCluster(s: Services, actor: Actor | null, c: ClusterRow) {
  const phrases = JSON.parse(c.phrases) as string[];
  const rep = representativeFor(s, actor, c);
  return {
    id: c.id,
    title: c.title ?? phrases.join(' · '),
    phrases,
    renamed: c.title !== null,
    locked: c.locked === 1,
    people: c.people,
    voices: c.voices,
    supports: c.supports,
    lastWeek: c.lastWeek ?? 0,
    representative:
      rep && publicStatuses.includes(rep.status) ? viewSubmissionLegacy(s, actor, rep) : null,
  };
}

function campaignOf(s: Services, slug: string) {
  const campaign = s.campaigns.get(slug);
  if (!campaign) throw new ApiError('not_found', 'No such campaign');
  return campaign;
}

function clusterOr404(s: Services, id: string) {
  const row = s.sqlite
    .prepare(
      'select id, campaign_id as campaignId from clusters where id = ? and merged_into is null',
    )
    .get(id) as { id: string; campaignId: string } | undefined;
  if (!row) throw new ApiError('not_found', 'No such cluster');
  return row;
}

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
    (c) => {
      const s = c.var.services;
      const campaign = campaignOf(s, c.req.valid('param').slug);
      const { sort } = c.req.valid('query');
      const rows = clusterRows(s, 'c.campaign_id = ?', campaign.id).filter((r) => r.people > 0);
      const key = {
        people: (r: ClusterRow) => r.people,
        hot: (r: ClusterRow) => r.lastWeek,
        supports: (r: ClusterRow) => r.supports,
      }[sort];
      rows.sort((a, b) => key(b) - key(a) || b.people - a.people);
      return c.json({ items: rows.map((r) => viewCluster(s, c.var.actor, r)) }, 200);
    },
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
    (c) => {
      const s = c.var.services;
      const { id } = c.req.valid('param');
      clusterOr404(s, id);
      const [row] = clusterRows(s, 'c.id = ?', id);
      const { page } = c.req.valid('query');
      const ids = s.sqlite
        .prepare(
          `select s.id from cluster_members m join submissions s on s.id = m.submission_id
           where m.cluster_id = ? and s.status in (${statusList}) order by s.support_count desc, s.published_at desc limit 50 offset ?`,
        )
        .pluck()
        .all(id, (page - 1) * 50) as string[];
      const weights = voiceWeightsLegacy(s, ids);
      const members = ids.map((m) =>
        viewSubmissionLegacy(s, c.var.actor, findSubmissionLegacy(s, m)!, false, weights.get(m)),
      );
      return c.json(
        { cluster: viewCluster(s, c.var.actor, row!), members, total: row!.people },
        200,
      );
    },
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
    (c) => {
      const s = c.var.services;
      const campaign = campaignOf(s, c.req.valid('param').slug);
      const actor = requireCurator(s, c.var.actor, [campaign.id]);
      return c.json({ job: enqueueJob(s, 'cluster-run', campaign.id, actor.id) }, 202);
    },
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
    async (c) => {
      const s = c.var.services;
      const { id } = c.req.valid('param');
      const cluster = clusterOr404(s, id);
      requireCurator(s, c.var.actor, [cluster.campaignId]);
      const input = c.req.valid('json');
      const now = s.clock.now();
      await s.writer.run(() => {
        if (input.title !== undefined)
          s.sqlite
            .prepare('update clusters set title = ?, updated_at = ? where id = ?')
            .run(input.title === null ? null : maskLabel([input.title])[0], now, id);
        if (input.locked !== undefined)
          s.sqlite
            .prepare('update clusters set locked = ?, updated_at = ? where id = ?')
            .run(input.locked ? 1 : 0, now, id);
        if (input.representative !== undefined) {
          const member = s.sqlite
            .prepare('select 1 from cluster_members where cluster_id = ? and submission_id = ?')
            .get(id, input.representative);
          if (!member)
            throw new ApiError('validation_failed', 'Not a member of this cluster', {
              fields: { representative: 'not a member' },
            });
          s.sqlite
            .prepare(
              'update clusters set representative_id = ?, representative_pinned = 1, updated_at = ? where id = ?',
            )
            .run(input.representative, now, id);
        }
      });
      return c.json(
        { cluster: viewCluster(s, c.var.actor, clusterRows(s, 'c.id = ?', id)[0]!) },
        200,
      );
    },
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
    async (c) => {
      const s = c.var.services;
      const { id } = c.req.valid('param');
      const target = clusterOr404(s, id);
      requireCurator(s, c.var.actor, [target.campaignId]);
      const now = s.clock.now();
      await s.writer.run(() => {
        for (const from of c.req.valid('json').from) {
          const source = clusterOr404(s, from);
          if (source.campaignId !== target.campaignId || from === id) {
            throw new ApiError('validation_failed', 'Merge clusters of the same campaign', {
              fields: { from },
            });
          }
          s.sqlite
            .prepare(
              'update cluster_members set cluster_id = ?, pinned = 1, assigned_at = ? where cluster_id = ?',
            )
            .run(id, now, from);
          s.sqlite
            .prepare('update clusters set merged_into = ?, updated_at = ? where id = ?')
            .run(id, now, from);
        }
        queueMatching(s, target.campaignId, null, c.var.actor!.id);
      });
      return c.json(
        { cluster: viewCluster(s, c.var.actor, clusterRows(s, 'c.id = ?', id)[0]!) },
        200,
      );
    },
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
      const s = c.var.services;
      const { id } = c.req.valid('param');
      const source = clusterOr404(s, id);
      requireCurator(s, c.var.actor, [source.campaignId]);
      const input = c.req.valid('json');
      const now = s.clock.now();
      const newIdValue = newId('clu', now);
      await s.writer.run(() => {
        s.sqlite
          .prepare(
            'insert into clusters (id, campaign_id, phrases, title, representative_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            newIdValue,
            source.campaignId,
            '[]',
            input.title ? maskLabel([input.title])[0] : null,
            input.members[0],
            now,
            now,
          );
        const move = s.sqlite.prepare(
          'update cluster_members set cluster_id = ?, pinned = 1, assigned_at = ? where cluster_id = ? and submission_id = ?',
        );
        for (const m of input.members) {
          if (move.run(newIdValue, now, id, m).changes !== 1) {
            throw new ApiError('validation_failed', 'Not a member of this cluster', {
              fields: { members: m },
            });
          }
        }
        queueMatching(s, source.campaignId, null, c.var.actor!.id);
      });
      return c.json(
        { cluster: viewCluster(s, c.var.actor, clusterRows(s, 'c.id = ?', newIdValue)[0]!) },
        201,
      );
    },
  );
