import { createRoute, z } from '@hono/zod-openapi';
import { adoptionTargetKinds } from '../../schema/states.ts';
import {
  ClauseSchema,
  CandidateSchema,
  MembersSchema,
  PolicyDocumentSchema,
  calendarDay,
} from '../http/adoption-schemas.ts';
import { errorResponses, json, jsonBody, optionalCampaign } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { addDocument } from '../tracing/add-document.ts';
import { documentCandidates } from '../tracing/candidate-views.ts';
import { getDocument, listDocuments } from '../tracing/document-views.ts';
import { candidateMembers, targetMembersView } from '../tracing/member-views.ts';
import { rejectCandidate } from '../tracing/reject-candidate.ts';
import { rematchDocument } from '../tracing/rematch-document.ts';
import { updateDocument } from '../tracing/update-document.ts';

const tags = ['Adoption'];
const idParam = z.object({ id: z.string().max(64) });

const documentFields = {
  title: z.string().trim().min(2).max(200),
  issuer: z.string().trim().min(2).max(100),
  issuedOn: calendarDay,
  sourceUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable(),
  campaigns: z.array(z.string().max(64)).min(1).max(20),
  text: z.string().min(20).max(600_000).openapi({
    description: 'Plain text, one paragraph per line, as pasted or read from a .txt file',
  }),
};
const DocumentInput = z.strictObject({
  ...documentFields,
  sourceUrl: documentFields.sourceUrl.default(null),
});
// No defaults here: what a change leaves out stays as it is.
const DocumentChange = z.strictObject(documentFields).partial();

const SummarySchema = z
  .object({
    kept: z.number(),
    moved: z.number(),
    edited: z.number(),
    retired: z.number(),
    added: z.number(),
  })
  .openapi('ReimportSummary', { description: 'What happened to the clauses on re-import' });

export const policyDocumentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/policy-documents',
      tags,
      summary: 'Policy documents, newest first (those feeding a campaign when given)',
      request: { query: z.object({ campaign: z.string().max(64).optional() }) },
      responses: {
        200: json(z.object({ items: z.array(PolicyDocumentSchema) }), 'Documents'),
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const s = c.var.services;
      const campaign = optionalCampaign(s, c.req.valid('query').campaign);
      return c.json({ items: await listDocuments(s, campaign?.id ?? null) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/policy-documents',
      tags,
      summary: 'Add a policy document (editor, or owner of every campaign it feeds)',
      description:
        'The text is split into clauses along its own structure; matching against the campaigns’ clusters and suggestions runs as a recorded job.',
      request: { body: jsonBody(DocumentInput) },
      responses: {
        201: json(z.object({ document: PolicyDocumentSchema }), 'Added'),
        ...errorResponses(400, 401, 403, 413),
      },
    }),
    async (c) => {
      const s = c.var.services;
      const { id } = await addDocument(s, c.var.actor, c.req.valid('json'));
      return c.json({ document: (await getDocument(s, id)).document }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/policy-documents/{id}',
      tags,
      summary: 'A document with its current clauses in reading order',
      request: { params: idParam },
      responses: {
        200: json(
          z.object({ document: PolicyDocumentSchema, clauses: z.array(ClauseSchema) }),
          'Document',
        ),
        ...errorResponses(404),
      },
    }),
    async (c) => c.json(await getDocument(c.var.services, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/policy-documents/{id}',
      tags,
      summary: 'Change the details, the campaigns, or re-import the text',
      description:
        'A re-import keeps every clause whose words stayed (under its anchor), follows edited clauses, retires the rest — confirmed links keep the words they were confirmed on — and matches again.',
      request: { params: idParam, body: jsonBody(DocumentChange) },
      responses: {
        200: json(
          z.object({ document: PolicyDocumentSchema, reimport: SummarySchema.nullable() }),
          'Changed',
        ),
        ...errorResponses(400, 401, 403, 404, 413),
      },
    }),
    async (c) => {
      const s = c.var.services;
      const { id } = c.req.valid('param');
      const reimport = await updateDocument(s, c.var.actor, id, c.req.valid('json'));
      return c.json({ document: (await getDocument(s, id)).document, reimport }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/policy-documents/{id}/match',
      tags,
      summary: 'Run candidate matching again (a recorded job per campaign)',
      request: { params: idParam },
      responses: {
        202: json(z.object({ jobs: z.array(z.string()) }), 'Queued'),
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const jobs = await rematchDocument(c.var.services, c.var.actor, c.req.valid('param').id);
      return c.json({ jobs }, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/policy-documents/{id}/candidates',
      tags,
      summary: 'Candidate links, best first (for the campaigns you curate)',
      request: {
        params: idParam,
        query: z.object({
          state: z.enum(['proposed', 'confirmed', 'rejected']).default('proposed'),
          page: z.coerce.number().int().min(1).max(10_000).default(1),
        }),
      },
      responses: {
        200: json(z.object({ items: z.array(CandidateSchema), total: z.number() }), 'Candidates'),
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) =>
      c.json(
        await documentCandidates(
          c.var.services,
          c.var.actor,
          c.req.valid('param').id,
          c.req.valid('query'),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/adoption-candidates/{id}/members',
      tags,
      summary:
        'Everyone behind a candidate, in form-letter groups with dates, to choose whom the clause adopts',
      request: { params: z.object({ id: z.coerce.number().int().min(1) }) },
      responses: {
        200: json(MembersSchema, 'Members'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) =>
      c.json(await candidateMembers(c.var.services, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/policy-documents/{id}/members',
      tags,
      summary: 'Everyone behind a cluster or submission named by hand, against this document',
      request: {
        params: idParam,
        query: z.object({
          kind: z.enum(adoptionTargetKinds),
          target: z
            .string()
            .min(1)
            .max(64)
            .openapi({ description: 'Cluster id, or submission id or reference number' }),
        }),
      },
      responses: {
        200: json(MembersSchema, 'Members'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { kind, target } = c.req.valid('query');
      return c.json(
        await targetMembersView(c.var.services, c.var.actor, c.req.valid('param').id, {
          kind,
          id: target,
        }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/adoption-candidates/{id}/reject',
      tags,
      summary: 'Reject a candidate: it is remembered and never proposed again',
      request: { params: z.object({ id: z.coerce.number().int().min(1) }) },
      responses: {
        200: json(z.object({ ok: z.literal(true) }), 'Rejected'),
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      await rejectCandidate(c.var.services, c.var.actor, c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );
