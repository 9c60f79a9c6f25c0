import { createRoute, z } from '@hono/zod-openapi';
import { assignSubmission } from '../handling/assign-submission.ts';
import { changeUrgency } from '../handling/change-urgency.ts';
import { correctAddressee } from '../addressees/correct-addressee.ts';
import { instructMessage } from '../addressees/instruct-message.ts';
import { officeInboxPage } from '../addressees/office-pages.ts';
import { decideExtension } from '../handling/decide-extension.ts';
import {
  extensionPage,
  handlingAfter,
  handlingFor,
  inboxPage,
  replyQueuePage,
  supervisionList,
  triagePage,
  unitMonthFor,
} from '../handling/handling-pages.ts';
import { publishCollectiveReply } from '../handling/publish-collective-reply.ts';
import { rateAnswer } from '../handling/rate-answer.ts';
import { requestExtension } from '../handling/request-extension.ts';
import { approveReply, returnReply } from '../handling/review-reply.ts';
import { submitReply } from '../handling/submit-reply.ts';
import { transferSubmission } from '../handling/transfer-submission.ts';
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
import { campaignOr404 } from '../submissions/submission-pages.ts';
import { returnReasons, satisfactions, urgencies } from '../../schema/states.ts';

const tags = ['Handling'];
const idParam = z.object({ id: z.string().max(64) });
const InboxPage = pageOf(InboxItemSchema, 'InboxPage');
const done = json(HandlingSchema, 'Where the matter stands now');

const ReplyQueuePage = pageOf(
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
          description: 'Perfunctory-reply score: 0 substantive … 1 perfunctory, with the reasons',
        }),
    }),
    submission: SubmissionSchema,
    handling: HandlingSchema,
  }),
  'ReplyQueuePage',
);

/** A reviewers' queue: one page of a list, oldest (or soonest due) first. */
const queueRoute = <P extends z.ZodType>(path: string, summary: string, page: P) =>
  createRoute({
    method: 'get',
    path,
    tags,
    summary,
    request: { query: PageQuerySchema },
    responses: { 200: json(page, 'One page'), ...errorResponses(401, 403) },
  });

/** A change to a matter (one verb): answers with where the matter stands now. */
const changeRoute = <B extends z.ZodType>(
  path: string,
  summary: string,
  body: B,
  description?: string,
) =>
  createRoute({
    method: 'post',
    path,
    tags,
    summary,
    ...(description ? { description } : {}),
    request: { params: idParam, body: jsonBody(body) },
    responses: { 200: done, ...errorResponses(400, 401, 403, 404, 409) },
  });

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
    async (c) => {
      const q = c.req.valid('query');
      const page = await inboxPage(c.var.services, c.var.actor, { ...q, overdue: !!q.overdue });
      return c.json(page, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/office/messages',
      tags,
      summary: "A leader's office: the messages written to its leader, soonest due first",
      description:
        '`view=open` (default: not yet answered), `answered`, `all`; `addressee` narrows to one of the leaders the office serves.',
      request: {
        query: PageQuerySchema.extend({
          view: z.enum(['open', 'answered', 'all']).default('open'),
          addressee: z.string().max(64).optional(),
        }),
      },
      responses: {
        200: json(
          InboxPage.extend({
            addressees: z.array(
              z.object({
                key: z.string(),
                title: z.object({ 'zh-CN': z.string(), en: z.string().optional() }),
              }),
            ),
          }),
          'One page',
        ),
        ...errorResponses(401, 403),
      },
    }),
    async (c) =>
      c.json(await officeInboxPage(c.var.services, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    changeRoute(
      '/submissions/{id}/instruction',
      "A leader's office instructs on a message to its leader (批示): a note, and urgent or not",
      z.object({ note: z.string(), priority: z.enum(['urgent', 'normal']) }),
      'The holding unit is notified; `urgent` makes the matter urgent and its due date follows. The public timeline shows that an instruction was given, not its words.',
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      await instructMessage(c.var.services, c.var.actor, id, c.req.valid('json'));
      return c.json(await handlingAfter(c.var.services, c.var.actor, id), 200);
    },
  )
  .openapi(
    queueRoute(
      '/handling/triage',
      'Submissions waiting for a reviewer to assign a unit (no rule matched, or bounced)',
      InboxPage,
    ),
    async (c) => c.json(await triagePage(c.var.services, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    queueRoute('/handling/extensions', 'Extension requests waiting for a reviewer', InboxPage),
    async (c) =>
      c.json(await extensionPage(c.var.services, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    queueRoute(
      '/handling/replies',
      'Replies waiting for review (退回回复 or approve), oldest first',
      ReplyQueuePage,
    ),
    async (c) =>
      c.json(await replyQueuePage(c.var.services, c.var.actor, c.req.valid('query')), 200),
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
    async (c) =>
      c.json(await handlingFor(c.var.services, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    changeRoute(
      '/submissions/{id}/assign',
      'Assign a handling unit (reviewer)',
      z.object({
        unit: z.string(),
        reason: z.string().optional(),
        topic: z.string().optional(),
      }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      await assignSubmission(c.var.services, c.var.actor, id, c.req.valid('json'));
      return c.json(await handlingAfter(c.var.services, c.var.actor, id), 200);
    },
  )
  .openapi(
    changeRoute(
      '/submissions/{id}/transfer',
      'Transfer (转办) to another unit with a reason (the holding unit)',
      z.object({ unit: z.string(), reason: z.string() }),
      'A third transfer or a hand-back to a unit that had it is flagged for a reviewer instead.',
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      await transferSubmission(c.var.services, c.var.actor, id, c.req.valid('json'));
      return c.json(await handlingAfter(c.var.services, c.var.actor, id), 200);
    },
  )
  .openapi(
    changeRoute(
      '/submissions/{id}/urgency',
      'Raise or lower urgency with a reason (reviewer); the due date follows',
      z.object({ urgency: z.enum(urgencies), reason: z.string() }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      await changeUrgency(c.var.services, c.var.actor, id, c.req.valid('json'));
      return c.json(await handlingAfter(c.var.services, c.var.actor, id), 200);
    },
  )
  .openapi(
    changeRoute(
      '/submissions/{id}/addressee',
      'Correct whom a leadership-board message is written to, with a reason (reviewer)',
      z.object({ addressee: z.string(), reason: z.string() }),
      'The holding unit stays; assign or transfer it as for any message.',
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      await correctAddressee(c.var.services, c.var.actor, id, c.req.valid('json'));
      return c.json(await handlingAfter(c.var.services, c.var.actor, id), 200);
    },
  )
  .openapi(
    changeRoute(
      '/submissions/{id}/extension',
      'Ask once for more working days (the holding unit)',
      z.object({ days: z.number().int(), reason: z.string() }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      await requestExtension(c.var.services, c.var.actor, id, c.req.valid('json'));
      return c.json(await handlingAfter(c.var.services, c.var.actor, id), 200);
    },
  )
  .openapi(
    changeRoute(
      '/submissions/{id}/extension/decision',
      'Grant or refuse an extension (reviewer)',
      z.object({ grant: z.boolean(), note: z.string().optional() }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      await decideExtension(c.var.services, c.var.actor, id, c.req.valid('json'));
      return c.json(await handlingAfter(c.var.services, c.var.actor, id), 200);
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
      return c.json(await handlingAfter(c.var.services, c.var.actor, id), 201);
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
    changeRoute(
      '/submissions/{id}/rating',
      'Rate the answer once (the author): 满意 satisfied, 基本满意 basically, 不满意 unsatisfied',
      z.object({ value: z.enum(satisfactions), comment: z.string().optional() }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      await rateAnswer(c.var.services, c.var.actor, id, c.req.valid('json'));
      return c.json(await handlingAfter(c.var.services, c.var.actor, id), 200);
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
      const campaign = campaignOr404(s, c.req.valid('param').slug);
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
    async (c) => c.json(await supervisionList(c.var.services, c.var.actor), 200),
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
    async (c) => c.json(await unitMonthFor(c.var.services, c.var.actor, c.req.valid('query')), 200),
  );
