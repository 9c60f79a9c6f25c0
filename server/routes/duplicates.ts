import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../auth/permissions.ts';
import { ApiError } from '../http/api-error.ts';
import { errorResponses, json, SubmissionSchema } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { relatedInCampaign } from '../search/search-submissions.ts';
import {
  findSubmissionLegacy,
  getSubmissionLegacy,
  supportedByLegacy,
  voiceWeightsLegacy,
} from '../submissions/submission-queries.ts';
import { publicStatuses } from '../submissions/submission-row.ts';
import { viewSubmissionLegacy, withholdingLegacy } from '../submissions/submission-view.ts';

const tags = ['Duplicates'];
const idParam = z.object({ id: z.string().max(64) });

export const duplicateRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/campaigns/{slug}/similar',
      tags,
      summary:
        'Up to 5 published submissions like the text being written (support one instead of repeating it)',
      request: {
        params: z.object({ slug: z.string().max(64) }),
        query: z.object({ text: z.string().trim().min(4).max(5000) }),
      },
      responses: {
        200: json(
          z.object({
            items: z.array(
              z.object({
                submission: SubmissionSchema,
                similarity: z
                  .number()
                  .nullable()
                  .openapi({ description: 'Share of the same wording (near-duplicates only)' }),
                nearDuplicate: z.boolean(),
              }),
            ),
          }),
          'Similar submissions',
        ),
        ...errorResponses(400, 404, 429),
      },
    }),
    (c) => {
      const s = c.var.services;
      const campaign = s.campaigns.get(c.req.valid('param').slug);
      if (!campaign) throw new ApiError('not_found', 'No such campaign');
      const { text } = c.req.valid('query');
      s.limiter.hit(
        `search:ip:${c.var.clientIp}`,
        s.config.HUIYIN_SEARCH_PER_IP_PER_MINUTE,
        60_000,
        'Too many searches from this network; please wait',
      );
      const found: { id: string; similarity: number | null; nearDuplicate: boolean }[] = [];
      for (const m of s.nearDuplicates.similar(campaign.id, text, 0.5, 20)) {
        found.push({ id: m.id, similarity: m.similarity, nearDuplicate: m.similarity >= 0.8 });
      }
      for (const r of relatedInCampaign(s, campaign.id, text, 10)) {
        if (!found.some((f) => f.id === r.id))
          found.push({ id: r.id, similarity: null, nearDuplicate: false });
      }
      const seenGroups = new Set<string>();
      const rows = found
        .map((f) => ({ f, row: findSubmissionLegacy(s, f.id) }))
        .filter((x) => x.row && publicStatuses.includes(x.row.status))
        // Text withheld after reports is not offered while typing (staff still see it).
        .filter((x) => !withholdingLegacy(s, c.var.actor, x.row!).withheld)
        // A form letter is one voice: offered once, by the first of its group the reader may see.
        .filter((x) => {
          const group = s.nearDuplicates.groupKey(campaign.id, x.f.id);
          if (seenGroups.has(group)) return false;
          seenGroups.add(group);
          return true;
        })
        .slice(0, 5);
      const mine = supportedByLegacy(
        s,
        c.var.actor?.id,
        rows.map((x) => x.row!.id),
      );
      const weights = voiceWeightsLegacy(
        s,
        rows.map((x) => x.row!.id),
      );
      return c.json(
        {
          items: rows.map(({ f, row }) => ({
            submission: viewSubmissionLegacy(
              s,
              c.var.actor,
              row!,
              mine.has(row!.id),
              weights.get(row!.id),
            ),
            similarity: f.similarity,
            nearDuplicate: f.nearDuplicate,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/submissions/{id}/duplicates',
      tags,
      summary: "The submission's near-duplicate group, with originals (staff)",
      request: { params: idParam },
      responses: {
        200: json(
          z.object({ groupId: z.string().nullable(), members: z.array(SubmissionSchema) }),
          'The group',
        ),
        ...errorResponses(401, 403, 404),
      },
    }),
    (c) => {
      const s = c.var.services;
      const actor = requireRole(c.var.actor, 'reviewer', 'editor', 'admin');
      const row = getSubmissionLegacy(s, c.req.valid('param').id);
      const groupId = s.sqlite
        .prepare('select group_id from text_signatures where submission_id = ?')
        .pluck()
        .get(row.id) as string | null | undefined;
      const ids = groupId
        ? (s.sqlite
            .prepare('select submission_id from text_signatures where group_id = ?')
            .pluck()
            .all(groupId) as string[])
        : [row.id];
      const members = ids.map((id) => viewSubmissionLegacy(s, actor, getSubmissionLegacy(s, id)));
      return c.json({ groupId: groupId ?? null, members }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/split-duplicate',
      tags,
      summary:
        'Take a submission out of its near-duplicate group (reviewer); it will not rejoin it',
      request: { params: idParam },
      responses: {
        200: json(z.object({ sameText: z.number() }), 'Its weight after the split'),
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const s = c.var.services;
      requireRole(c.var.actor, 'reviewer', 'admin');
      const row = getSubmissionLegacy(s, c.req.valid('param').id);
      await s.nearDuplicates.ready([row.campaignId]);
      await s.writer.run(() => s.nearDuplicates.split(row.campaignId, row.id));
      return c.json({ sameText: voiceWeightsLegacy(s, [row.id]).get(row.id) ?? 1 }, 200);
    },
  );
