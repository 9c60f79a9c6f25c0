import { createRoute, z } from '@hono/zod-openapi';
import { hasRole } from '../auth/actor.ts';
import {
  canActForOrg,
  canSeeSealedLegacy,
  requireActor,
  requireRole,
} from '../auth/permissions.ts';
import { publicStatuses } from '../submissions/submission-row.ts';
import { assignSubmission } from '../handling/assign-submission.ts';
import { changeUrgency } from '../handling/change-urgency.ts';
import { decideExtension } from '../handling/decide-extension.ts';
import { handlesOrSupervises, unitsOf } from '../handling/handling-permissions.ts';
import {
  listExtensionRequests,
  listInbox,
  listReplyQueue,
  listTriage,
  type InboxRow,
} from '../handling/handling-queries.ts';
import { handlingSummary, viewHandling } from '../handling/handling-view.ts';
import { publishCollectiveReply } from '../handling/publish-collective-reply.ts';
import { rateAnswer } from '../handling/rate-answer.ts';
import { requestExtension } from '../handling/request-extension.ts';
import { approveReply, returnReply } from '../handling/review-reply.ts';
import { submitReply } from '../handling/submit-reply.ts';
import { transferSubmission } from '../handling/transfer-submission.ts';
import { supervision, unitMonth } from '../handling/unit-figures.ts';
import { ApiError } from '../http/api-error.ts';
import {
  errorResponses,
  HandlingSchema,
  InboxItemSchema,
  json,
  PageQuerySchema,
  pageOf,
  SubmissionSchema,
  jsonBody,
} from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { scoreReply } from '../sensemaking/reply-quality/index.ts';
import type { Services } from '../services.ts';
import { getSubmissionLegacy } from '../submissions/submission-queries.ts';
import { viewSubmissionLegacy } from '../submissions/submission-view.ts';
import type { Actor } from '../auth/actor.ts';
import { chinaDate } from '../clock.ts';
import { returnReasons, satisfactions, urgencies } from '../../schema/states.ts';

const tags = ['Handling'];
const idParam = z.object({ id: z.string().max(64) });
const InboxPage = pageOf(InboxItemSchema, 'InboxPage');
const done = json(HandlingSchema, 'Where the matter stands now');

function inboxItems(s: Services, actor: Actor, rows: InboxRow[]) {
  return rows.map((r) => ({
    submission: viewSubmissionLegacy(s, actor, r.submission),
    handling: handlingSummary(s, r.handling, true),
  }));
}

/** One page of an inbox-shaped list, as every handling queue answers it. */
function inboxPage(
  s: Services,
  actor: Actor,
  q: { page: number; pageSize: number },
  { rows, total }: { rows: InboxRow[]; total: number },
) {
  return { items: inboxItems(s, actor, rows), page: q.page, pageSize: q.pageSize, total };
}

function after(s: Services, actor: Actor | null, id: string) {
  return viewHandling(s, actor, getSubmissionLegacy(s, id));
}

export const handlingRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/handling/inbox',
      tags,
      summary: "The handler's inbox: submissions assigned to their unit(s), soonest due first",
      description:
        '`view=open` (default: waiting for a reply, incl. returned), `replied` (reply under review), `answered`, `all`, or `escalated` (overdue matters of the units below, 督办).',
      request: {
        query: PageQuerySchema.extend({
          view: z.enum(['open', 'replied', 'answered', 'escalated', 'all']).default('open'),
          topic: z.string().max(64).optional(),
          urgency: z.enum(urgencies).optional(),
          overdue: z.enum(['1', 'true']).optional(),
          unit: z
            .string()
            .max(64)
            .optional()
            .openapi({ description: 'Admins: the unit code to look at' }),
        }),
      },
      responses: { 200: json(InboxPage, 'One page'), ...errorResponses(401, 403) },
    }),
    (c) => {
      const s = c.var.services;
      const actor = requireActor(c.var.actor);
      const q = c.req.valid('query');
      let units = unitsOf(actor);
      if (q.unit && hasRole(actor, 'admin', 'reviewer')) {
        const unit = s.orgs.getByCode(q.unit);
        if (!unit) throw new ApiError('not_found', 'No such unit');
        units = [unit.id];
      }
      if (units.length === 0)
        throw new ApiError('forbidden', 'Only members of a handling unit have an inbox');
      return c.json(
        inboxPage(s, actor, q, listInbox(s, { ...q, units, overdue: !!q.overdue })),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/handling/triage',
      tags,
      summary: 'Submissions waiting for a reviewer to assign a unit (no rule matched, or bounced)',
      request: { query: PageQuerySchema },
      responses: { 200: json(InboxPage, 'One page'), ...errorResponses(401, 403) },
    }),
    (c) => {
      const s = c.var.services;
      const actor = requireRole(c.var.actor, 'reviewer', 'admin');
      const q = c.req.valid('query');
      return c.json(inboxPage(s, actor, q, listTriage(s, q)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/handling/extensions',
      tags,
      summary: 'Extension requests waiting for a reviewer',
      request: { query: PageQuerySchema },
      responses: { 200: json(InboxPage, 'One page'), ...errorResponses(401, 403) },
    }),
    (c) => {
      const s = c.var.services;
      const actor = requireRole(c.var.actor, 'reviewer', 'admin');
      const q = c.req.valid('query');
      return c.json(inboxPage(s, actor, q, listExtensionRequests(s, q)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/handling/replies',
      tags,
      summary: 'Replies waiting for review (退回回复 or approve), oldest first',
      request: { query: PageQuerySchema },
      responses: {
        200: json(
          pageOf(
            z.object({
              reply: z.object({
                id: z.string(),
                body: z.string(),
                office: z.string().nullable(),
                contactPhone: z.string().nullable(),
                round: z.number(),
                version: z.number(),
                submittedAt: z.number(),
                author: z.string(),
                unit: z.object({ code: z.string(), name: z.string() }).nullable(),
                quality: z
                  .object({
                    score: z.number(),
                    reasons: z.array(
                      z.object({
                        code: z.string(),
                        weight: z.number(),
                        detail: z.string().optional(),
                      }),
                    ),
                  })
                  .openapi({
                    description:
                      'Perfunctory-reply score: 0 substantive … 1 perfunctory, with the reasons',
                  }),
              }),
              submission: SubmissionSchema,
              handling: HandlingSchema,
            }),
            'ReplyQueuePage',
          ),
          'One page',
        ),
        ...errorResponses(401, 403),
      },
    }),
    (c) => {
      const s = c.var.services;
      const actor = requireRole(c.var.actor, 'reviewer', 'admin');
      const q = c.req.valid('query');
      const { rows, total } = listReplyQueue(s, q);
      const items = rows.map((r) => {
        const sub = getSubmissionLegacy(s, r.submissionId!);
        const unit = r.unitId ? s.orgs.get(r.unitId) : undefined;
        return {
          reply: {
            id: r.id,
            body: r.body,
            office: r.office,
            contactPhone: r.contactPhone,
            round: r.round,
            version: r.version,
            submittedAt: r.submittedAt,
            author: r.authorName,
            unit: unit ? { code: unit.code, name: unit.name } : null,
            quality: scoreReply({ question: `${sub.title}\n${sub.body}`, reply: r.body }),
          },
          submission: viewSubmissionLegacy(s, actor, sub),
          handling: viewHandling(s, actor, sub),
        };
      });
      return c.json({ items, page: q.page, pageSize: q.pageSize, total }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/submissions/{id}/handling',
      tags,
      summary: 'Where a submission stands: unit, due date, answers, ratings and what you may do',
      request: { params: idParam },
      responses: { 200: done, ...errorResponses(404) },
    }),
    (c) => {
      const s = c.var.services;
      const { id } = c.req.valid('param');
      const row = getSubmissionLegacy(s, id);
      const campaign = s.campaigns.getById(row.campaignId)!;
      const visible = publicStatuses.includes(row.status);
      if (!visible && !canSeeSealedLegacy(s, c.var.actor, campaign, row.authorId, row.id)) {
        throw new ApiError('not_found', 'No such submission');
      }
      return c.json(viewHandling(s, c.var.actor, row), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/assign',
      tags,
      summary: 'Assign a handling unit (reviewer)',
      request: {
        params: idParam,
        body: jsonBody(
          z.object({
            unit: z.string(),
            reason: z.string().optional(),
            topic: z.string().optional(),
          }),
        ),
      },
      responses: { 200: done, ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await assignSubmission(c.var.services, c.var.actor, id, c.req.valid('json'));
      return c.json(after(c.var.services, c.var.actor, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/transfer',
      tags,
      summary: 'Transfer (转办) to another unit with a reason (the holding unit)',
      description:
        'A third transfer or a hand-back to a unit that had it is flagged for a reviewer instead.',
      request: {
        params: idParam,
        body: jsonBody(z.object({ unit: z.string(), reason: z.string() })),
      },
      responses: { 200: done, ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await transferSubmission(c.var.services, c.var.actor, id, c.req.valid('json'));
      return c.json(after(c.var.services, c.var.actor, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/urgency',
      tags,
      summary: 'Raise or lower urgency with a reason (reviewer); the due date follows',
      request: {
        params: idParam,
        body: jsonBody(z.object({ urgency: z.enum(urgencies), reason: z.string() })),
      },
      responses: { 200: done, ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await changeUrgency(c.var.services, c.var.actor, id, c.req.valid('json'));
      return c.json(after(c.var.services, c.var.actor, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/extension',
      tags,
      summary: 'Ask once for more working days (the holding unit)',
      request: {
        params: idParam,
        body: jsonBody(z.object({ days: z.number().int(), reason: z.string() })),
      },
      responses: { 200: done, ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await requestExtension(c.var.services, c.var.actor, id, c.req.valid('json'));
      return c.json(after(c.var.services, c.var.actor, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/extension/decision',
      tags,
      summary: 'Grant or refuse an extension (reviewer)',
      request: {
        params: idParam,
        body: jsonBody(z.object({ grant: z.boolean(), note: z.string().optional() })),
      },
      responses: { 200: done, ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await decideExtension(c.var.services, c.var.actor, id, c.req.valid('json'));
      return c.json(after(c.var.services, c.var.actor, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/replies',
      tags,
      summary: 'Send a reply for review (the holding unit)',
      request: {
        params: idParam,
        body: jsonBody(
          z.object({
            body: z.string(),
            office: z.string().optional(),
            contactPhone: z.string().optional(),
          }),
        ),
      },
      responses: {
        201: json(HandlingSchema, 'The reply waits for review'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await submitReply(c.var.services, c.var.actor, id, c.req.valid('json'));
      return c.json(after(c.var.services, c.var.actor, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/replies/{id}/approve',
      tags,
      summary: 'Approve a reply: it goes public and the author is told (reviewer)',
      request: { params: idParam },
      responses: {
        200: json(z.object({ ok: z.literal(true) }), 'Approved'),
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      await approveReply(c.var.services, c.var.actor, c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/replies/{id}/return',
      tags,
      summary: '退回回复: return a reply to the unit with a reason (reviewer)',
      request: {
        params: idParam,
        body: jsonBody(z.object({ reason: z.enum(returnReasons), note: z.string() })),
      },
      responses: {
        200: json(z.object({ ok: z.literal(true) }), 'Returned'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      await returnReply(c.var.services, c.var.actor, c.req.valid('param').id, c.req.valid('json'));
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/submissions/{id}/rating',
      tags,
      summary:
        'Rate the answer once (the author): 满意 satisfied, 基本满意 basically, 不满意 unsatisfied',
      request: {
        params: idParam,
        body: jsonBody(z.object({ value: z.enum(satisfactions), comment: z.string().optional() })),
      },
      responses: { 200: done, ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await rateAnswer(c.var.services, c.var.actor, id, c.req.valid('json'));
      return c.json(after(c.var.services, c.var.actor, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/campaigns/{slug}/collective-replies',
      tags,
      summary:
        '公开答复: one public reply to every published submission of a topic, or to a chosen set',
      request: {
        params: z.object({ slug: z.string().max(64) }),
        body: jsonBody(
          z.object({
            title: z.string(),
            body: z.string(),
            office: z.string().optional(),
            topic: z.string().optional(),
            submissionIds: z.array(z.string()).optional(),
          }),
        ),
      },
      responses: {
        201: json(
          z.object({ id: z.string(), members: z.number() }),
          'Published; members are answered and notified',
        ),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const s = c.var.services;
      const campaign = s.campaigns.get(c.req.valid('param').slug);
      if (!campaign) throw new ApiError('not_found', 'No such campaign');
      const result = await publishCollectiveReply(s, c.var.actor, campaign, c.req.valid('json'));
      return c.json(result, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/handling/supervision',
      tags,
      summary:
        '督办: overdue matters by unit, flagged bounces and the triage backlog (reviewer, admin, owner)',
      responses: {
        200: json(
          z.object({
            units: z.array(
              z.object({
                unit: z.object({ code: z.string(), name: z.string() }),
                overdue: z.number(),
                oldestDue: z.number(),
              }),
            ),
            flagged: z.number(),
            triage: z.number(),
          }),
          'Supervision list',
        ),
        ...errorResponses(401, 403),
      },
    }),
    (c) => {
      requireRole(c.var.actor, 'reviewer', 'admin', 'owner');
      return c.json(supervision(c.var.services), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/handling/monthly',
      tags,
      summary:
        "月清月结: a unit's month — assigned, replied, on time, overdue, returned, satisfaction",
      request: {
        query: z.object({
          unit: z
            .string()
            .max(64)
            .optional()
            .openapi({ description: 'Unit code; defaults to your own unit' }),
          month: z
            .string()
            .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
            .optional()
            .openapi({ example: '2026-11' }),
        }),
      },
      responses: {
        200: json(
          z.object({
            unit: z.object({ code: z.string(), name: z.string() }),
            month: z.string(),
            assigned: z.number(),
            replied: z.number(),
            onTime: z.number(),
            onTimeRate: z.number().nullable(),
            overdue: z.number(),
            returned: z.number(),
            returnRate: z.number().nullable(),
            ratings: z.object({
              satisfied: z.number(),
              basically: z.number(),
              unsatisfied: z.number(),
            }),
            satisfactionRate: z.number().nullable(),
            open: z.number(),
          }),
          'The month',
        ),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    (c) => {
      const s = c.var.services;
      const actor = requireActor(c.var.actor);
      const q = c.req.valid('query');
      const unit = q.unit ? s.orgs.getByCode(q.unit) : s.orgs.get(unitsOf(actor)[0] ?? '');
      if (!unit) throw new ApiError('not_found', 'No such unit');
      // Owners see the units of their own organisation's tree, not every unit of the platform.
      if (
        !hasRole(actor, 'reviewer', 'admin') &&
        !canActForOrg(s, actor, unit.id) &&
        !handlesOrSupervises(s, actor, unit.id)
      ) {
        throw new ApiError('forbidden', "You may see your own unit's figures only");
      }
      return c.json(unitMonth(s, unit.id, q.month ?? chinaDate(s.clock.now()).slice(0, 7)), 200);
    },
  );
