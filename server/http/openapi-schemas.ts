// Response shapes for the OpenAPI document (and for the typed client). Requests are described
// next to their routes; these are the objects several routes share.
import { z } from '@hono/zod-openapi';
import {
  holdStates,
  extensionStates,
  handlingStates,
  notificationTypes,
  replyStates,
  satisfactions,
  urgencies,
  campaignKinds,
  phaseActions,
  roles,
  submissionKinds,
  submissionStatuses,
  timelineEventTypes,
} from '../../schema/states.ts';
import type { CampaignRecord } from '../campaigns/campaign-registry.ts';
import type { Services } from '../services.ts';
import { ApiError, errorCodes } from './api-error.ts';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes as [string, ...string[]]),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi('Error');

export const LocalTextSchema = z
  .object({ 'zh-CN': z.string(), en: z.string().optional() })
  .openapi('LocalText');

export const PhaseSchema = z
  .object({
    key: z.string(),
    title: LocalTextSchema,
    starts: z.string().openapi({ example: '2026-11-15' }),
    ends: z.string().optional(),
    allows: z.array(z.enum(phaseActions)),
  })
  .openapi('Phase');

export const CampaignSummarySchema = z
  .object({
    slug: z.string(),
    title: LocalTextSchema,
    summary: LocalTextSchema,
    kind: z.enum(campaignKinds),
    submissionKind: z.enum(submissionKinds),
    handling: z.object({ mode: z.enum(['routed', 'collective']) }),
    owner: z.object({ code: z.string(), name: z.string(), nameEn: z.string().optional() }),
    currentPhase: PhaseSchema.nullable(),
    nextPhase: PhaseSchema.nullable(),
    acceptsSubmissions: z.boolean(),
    closesOn: z
      .string()
      .nullable()
      .openapi({ description: 'Last day of the current phase; null = never closes' }),
    stats: z.object({ published: z.number(), supports: z.number() }),
  })
  .openapi('CampaignSummary');

export const CampaignSchema = CampaignSummarySchema.extend({
  description: LocalTextSchema,
  phases: z.array(PhaseSchema),
  topics: z.array(
    z.object({ key: z.string(), title: LocalTextSchema, description: LocalTextSchema.optional() }),
  ),
  moderation: z.enum(['pre', 'post']),
  form: z.object({
    title: z.object({ min: z.number(), max: z.number() }),
    body: z.object({ min: z.number(), max: z.number() }),
    region: z.object({ required: z.boolean(), within: z.string() }),
    topicRequired: z.boolean(),
    fields: z.array(
      z.object({
        key: z.string(),
        label: LocalTextSchema,
        type: z.enum(['text', 'textarea', 'select', 'number']),
        required: z.boolean(),
        max: z.number().optional(),
        options: z.array(z.object({ value: z.string(), label: LocalTextSchema })).optional(),
      }),
    ),
  }),
  policyDocuments: z.array(
    z.object({
      key: z.string(),
      title: LocalTextSchema,
      issuer: LocalTextSchema,
      year: z.number(),
      url: z.string().optional(),
    }),
  ),
  source: z.enum(['file', 'console']),
  sourceFile: z.string().nullable(),
  canEdit: z.boolean(),
}).openapi('Campaign');

export const SubmissionSchema = z
  .object({
    id: z.string().openapi({ example: 'sub_0mhx3k2a9f3c2b1a0d9e' }),
    ref: z.string().openapi({ example: 'LB-2026-000123' }),
    campaign: z.object({ slug: z.string(), title: LocalTextSchema }),
    kind: z.enum(submissionKinds),
    title: z.string(),
    body: z.string(),
    masked: z
      .boolean()
      .openapi({ description: 'Personal data was masked in the text you received' }),
    region: z.object({ code: z.string(), name: z.string() }).nullable(),
    topic: z.object({ key: z.string(), title: LocalTextSchema }).nullable(),
    addressee: z
      .object({ key: z.string(), title: LocalTextSchema, holder: LocalTextSchema.nullable() })
      .nullable()
      .openapi({ description: 'Whom a leadership-board message is written to' }),
    custom: z.record(z.string(), z.union([z.string(), z.number()])),
    author: z
      .object({ displayName: z.string() })
      .nullable()
      .openapi({ description: 'null when the author chose not to show their name' }),
    showName: z.boolean(),
    status: z.enum(submissionStatuses),
    rejectReason: z.string().nullable(),
    hold: z.enum(holdStates).nullable().openapi({
      description:
        'Withheld from the public after reports (`pending-review`) or by a reviewer (`hidden`); title and body are then empty for the public',
    }),
    supportCount: z.number(),
    sameText: z.number().openapi({
      description:
        'How many people sent (almost) this same text: a form letter is one voice of weight N',
    }),
    supportedByMe: z.boolean(),
    mine: z.boolean(),
    createdAt: z.number(),
    publishedAt: z.number().nullable(),
  })
  .openapi('Submission');

export const TimelineEventSchema = z
  .object({
    id: z.number(),
    at: z.number(),
    type: z.enum(timelineEventTypes),
    fromStatus: z.enum(submissionStatuses).nullable(),
    toStatus: z.enum(submissionStatuses).nullable(),
    reason: z.string().nullable(),
    data: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({ description: 'Details such as the unit routed to, the due date or the rating' }),
    actor: z
      .object({ role: z.enum(roles), name: z.string().optional() })
      .nullable()
      .openapi({
        description: 'null when the platform acted by itself; names are shown to staff only',
      }),
  })
  .openapi('TimelineEvent');

export const UserSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    roles: z.array(
      z.object({
        role: z.enum(roles),
        org: z.object({ code: z.string(), name: z.string() }).nullable(),
        addressee: z
          .object({ key: z.string(), title: z.string() })
          .optional()
          .openapi({ description: 'The leader an office role serves' }),
      }),
    ),
    twoFactor: z.object({
      enabled: z.boolean(),
      mustEnrol: z
        .boolean()
        .openapi({ description: 'Staff who must set up 2FA before anything else (admin setting)' }),
    }),
  })
  .openapi('User');

export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({ items: z.array(item), page: z.number(), pageSize: z.number(), total: z.number() })
    .openapi(name);
}

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** Standard error responses, so every route documents its failure shape. */
export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 415 | 429)[]) {
  const descriptions: Record<number, string> = {
    400: 'validation_failed or invalid_json',
    401: 'unauthenticated or invalid_credentials',
    403: 'forbidden',
    404: 'not_found',
    409: 'a conflict with the current state (see the code)',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    429: 'rate_limited (see Retry-After)',
  };
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: descriptions[s]!, content: { 'application/json': { schema: ErrorSchema } } },
    ]),
  );
}

/** A required JSON request body. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** The campaign a `?campaign=slug` filter names: null when absent, not_found when unknown. */
export function optionalCampaign(s: Services, slug: string | undefined): CampaignRecord | null {
  if (!slug) return null;
  const campaign = s.campaigns.get(slug);
  if (!campaign) throw new ApiError('not_found', 'No such campaign');
  return campaign;
}

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const UnitRefSchema = z.object({ code: z.string(), name: z.string() });

export const HandlingSchema = z
  .object({
    handling: z
      .object({
        state: z.enum(handlingStates),
        unit: UnitRefSchema.nullable(),
        urgency: z.enum(urgencies),
        round: z.number(),
        routedAt: z.number().nullable(),
        dueAt: z
          .number()
          .nullable()
          .openapi({ description: 'End of the last working day to answer (epoch ms)' }),
        overdue: z.boolean(),
        escalated: z.boolean(),
        transferCount: z.number(),
        flagReason: z.string().nullable(),
        extension: z.object({
          state: z.enum(extensionStates),
          days: z.number().nullable(),
          reason: z.string().nullable(),
        }),
      })
      .nullable()
      .openapi({ description: 'null for campaigns answered collectively' }),
    answers: z.array(
      z.object({
        id: z.string(),
        body: z.string(),
        office: z.string().nullable(),
        contactPhone: z.string().nullable(),
        unit: UnitRefSchema.nullable(),
        approvedAt: z.number(),
        round: z.number(),
        collectiveTitle: z.string().nullable(),
        hold: z.enum(holdStates).nullable(),
        masked: z
          .boolean()
          .openapi({ description: 'Personal data was masked in the reply you received' }),
      }),
    ),
    drafts: z
      .array(
        z.object({
          id: z.string(),
          body: z.string(),
          office: z.string().nullable(),
          contactPhone: z.string().nullable(),
          state: z.enum(replyStates),
          round: z.number(),
          version: z.number(),
          submittedAt: z.number(),
          reviewedAt: z.number().nullable(),
          returnReason: z.string().nullable(),
          returnNote: z.string().nullable(),
          author: z.string(),
        }),
      )
      .openapi({ description: 'Every reply version; only for the unit and reviewers' }),
    ratings: z.array(
      z.object({
        round: z.number(),
        value: z.enum(satisfactions),
        comment: z.string().nullable(),
        at: z.number(),
      }),
    ),
    proposal: z
      .object({
        topic: z.string(),
        confidence: z.number(),
        evidence: z.array(z.object({ word: z.string(), weight: z.number() })),
        decision: z.enum(['auto', 'triage']).nullable(),
      })
      .nullable()
      .openapi({ description: "The routing classifier's proposal (staff only)" }),
    actions: z.object({
      rate: z.boolean(),
      reply: z.boolean(),
      transfer: z.boolean(),
      requestExtension: z.boolean(),
      assign: z.boolean(),
      changeUrgency: z.boolean(),
      decideExtension: z.boolean(),
      reviewReply: z.boolean(),
      instruct: z.boolean().openapi({ description: "A leader's office may instruct (批示)" }),
    }),
  })
  .openapi('Handling');

export const InboxItemSchema = z
  .object({ submission: SubmissionSchema, handling: HandlingSchema.shape.handling.unwrap() })
  .openapi('InboxItem');

export const NotificationSchema = z
  .object({
    id: z.number(),
    type: z.enum(notificationTypes),
    submissionId: z.string().nullable(),
    data: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
    createdAt: z.number(),
    read: z.boolean(),
  })
  .openapi('Notification');
