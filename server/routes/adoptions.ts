import { createRoute, z } from '@hono/zod-openapi';
import { adoptionStatuses, adoptionTargetKinds } from '../../schema/states.ts';
import { AdoptionSchema, MembersSchema, calendarDay } from '../http/adoption-schemas.ts';
import { errorResponses, json, jsonBody, optionalCampaign } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { adoptionDetail, getAdoption, listAdoptions } from '../tracing/adoption-views.ts';
import { changeAdoptionMembers } from '../tracing/change-adoption-members.ts';
import { confirmAdoption } from '../tracing/confirm-adoption.ts';
import { adoptionMembers } from '../tracing/member-views.ts';
import { addMilestone } from '../tracing/milestones.ts';
import { updateAdoption } from '../tracing/update-adoption.ts';
import { withdrawAdoption } from '../tracing/withdraw-adoption.ts';

const tags = ['Adoption'];
const idParam = z.object({ id: z.string().max(64) });
const evidence = {
  quotedSpan: z
    .string()
    .trim()
    .min(2)
    .max(2000)
    .openapi({ description: 'Exact words of the clause' }),
  note: z.string().trim().max(2000).nullable().optional(),
  evidenceUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .optional(),
};

const submissionIds = z.array(z.string().min(1).max(64)).max(10_000);
const acknowledgeDate = z.boolean().optional().openapi({
  description:
    'The document is dated before some chosen suggestions were written and `note` says why it adopts them; without it such a choice answers document_predates_suggestion',
});

const EventSchema = z.object({
  at: z.number(),
  actor: z.string(),
  type: z.string(),
  data: z.unknown(),
});

export const adoptionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/adoptions',
      tags,
      summary: 'Adopted suggestions beside the clauses that adopted them (all, or one campaign)',
      request: { query: z.object({ campaign: z.string().max(64).optional() }) },
      responses: {
        200: json(z.object({ items: z.array(AdoptionSchema) }), 'Adoptions'),
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const s = c.var.services;
      const campaign = optionalCampaign(s, c.req.valid('query').campaign);
      return c.json({ items: await listAdoptions(s, campaign?.id ?? null) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/adoptions',
      tags,
      summary: 'Confirm a candidate, or link a clause to a cluster or submission by hand',
      description:
        'Marks the chosen submissions (`memberIds`, among the cluster members and their form-letter groups that GET /adoption-candidates/{id}/members or GET /policy-documents/{id}/members lists) as adopted, puts it on their timelines and tells each author which document and clause, quoted. The other members stay linked to nothing and hear nothing. `memberIds` is required for a cluster; for one submission it defaults to it and its form-letter copies. A submission outside the target answers not_a_member; a document dated before a chosen suggestion was written answers document_predates_suggestion unless `acknowledgeDate` and a `note` say why.',
      request: {
        body: jsonBody(
          z.strictObject({
            candidateId: z.number().int().min(1).optional(),
            clauseId: z.string().max(64).optional(),
            target: z
              .strictObject({
                kind: z.enum(adoptionTargetKinds),
                id: z
                  .string()
                  .max(64)
                  .openapi({ description: 'Cluster id, or submission id or reference number' }),
              })
              .optional(),
            status: z.enum(adoptionStatuses),
            ...evidence,
            memberIds: submissionIds.min(1).optional().openapi({
              description: 'The submissions the clause adopts (required for a cluster)',
            }),
            acknowledgeDate,
          }),
        ),
      },
      responses: {
        201: json(
          z.object({
            adoption: AdoptionSchema,
            notified: z.number().openapi({ description: 'Authors told' }),
          }),
          'Confirmed',
        ),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const s = c.var.services;
      const { id, notified } = await confirmAdoption(s, c.var.actor, c.req.valid('json'));
      return c.json({ adoption: await getAdoption(s, id), notified }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/adoptions/{id}',
      tags,
      summary: 'One adoption; its audit log for the curators of its campaign',
      request: { params: idParam },
      responses: {
        200: json(
          z.object({ adoption: AdoptionSchema, events: z.array(EventSchema).nullable() }),
          'Adoption',
        ),
        ...errorResponses(404),
      },
    }),
    async (c) =>
      c.json(await adoptionDetail(c.var.services, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/adoptions/{id}',
      tags,
      summary: 'Change the status or the evidence; authors hear of a new status',
      request: {
        params: idParam,
        body: jsonBody(
          z.strictObject({
            status: z.enum(adoptionStatuses).optional(),
            quotedSpan: evidence.quotedSpan.optional(),
            note: evidence.note,
            evidenceUrl: evidence.evidenceUrl,
          }),
        ),
      },
      responses: {
        200: json(z.object({ adoption: AdoptionSchema }), 'Changed'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const s = c.var.services;
      const { id } = c.req.valid('param');
      await updateAdoption(s, c.var.actor, id, c.req.valid('json'));
      return c.json({ adoption: await getAdoption(s, id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/adoptions/{id}/withdraw',
      tags,
      summary: 'Withdraw a link made in error (with a reason; the pair is not proposed again)',
      request: {
        params: idParam,
        body: jsonBody(z.strictObject({ reason: z.string().trim().min(2).max(500) })),
      },
      responses: {
        200: json(z.object({ ok: z.literal(true) }), 'Withdrawn'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      await withdrawAdoption(
        c.var.services,
        c.var.actor,
        c.req.valid('param').id,
        c.req.valid('json').reason,
      );
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/adoptions/{id}/members',
      tags,
      summary:
        'Who the adoption holds (adoptedIds) among everyone its target offers, in form-letter groups',
      request: { params: idParam },
      responses: {
        200: json(MembersSchema, 'Members'),
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) =>
      c.json(await adoptionMembers(c.var.services, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/adoptions/{id}/members',
      tags,
      summary: 'Add suggestions the clause adopts too, or take out those it did not',
      description:
        'One transaction. Each added author is told as at a confirmation; each removed author is told the adoption was withdrawn for their suggestion, with the reason (required to remove). Added submissions must be offered by the target (not_a_member), removed ones held by the adoption (not_a_member); an adoption keeps at least one (invalid_transition: withdraw it instead). The date rule of POST /adoptions applies to those added.',
      request: {
        params: idParam,
        body: jsonBody(
          z.strictObject({
            add: submissionIds.optional(),
            remove: submissionIds.optional(),
            reason: z.string().trim().min(2).max(500).optional(),
            acknowledgeDate,
            note: z.string().trim().max(2000).nullable().optional(),
          }),
        ),
      },
      responses: {
        200: json(
          z.object({
            adoption: AdoptionSchema,
            added: z.number(),
            removed: z.number(),
            notified: z.number(),
          }),
          'Changed',
        ),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const s = c.var.services;
      const { id } = c.req.valid('param');
      const result = await changeAdoptionMembers(s, c.var.actor, id, c.req.valid('json'));
      return c.json({ adoption: await getAdoption(s, id), ...result }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/adoptions/{id}/milestones',
      tags,
      summary:
        'Add a dated milestone with a percentage (regulation issued, project started, completed)',
      request: {
        params: idParam,
        body: jsonBody(
          z.strictObject({
            title: z.string().trim().min(2).max(120),
            occurredOn: calendarDay,
            percent: z.number().int().min(0).max(100),
            note: z.string().trim().max(1000).nullable().default(null),
          }),
        ),
      },
      responses: {
        201: json(z.object({ adoption: AdoptionSchema }), 'Added'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const s = c.var.services;
      const { id } = c.req.valid('param');
      await addMilestone(s, c.var.actor, id, c.req.valid('json'));
      return c.json({ adoption: await getAdoption(s, id) }, 201);
    },
  );
