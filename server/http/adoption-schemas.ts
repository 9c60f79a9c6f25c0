// OpenAPI shapes of adoption tracing: documents, clauses, candidates, adoptions, stories.
import { z } from '@hono/zod-openapi';
import { adoptionStatuses, adoptionTargetKinds } from '../../schema/states.ts';
import { LocalTextSchema } from './openapi-schemas.ts';

const Range = z.tuple([z.number(), z.number()]);

/** A calendar day that exists, as YYYY-MM-DD: 2024-02-30 is refused. */
export const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => {
    const date = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(d);
  }, 'no such day');

export const ClauseSchema = z
  .object({
    id: z.string(),
    anchor: z.string().openapi({
      description: 'Structural address in the document (p3.i10.s2): stable across re-imports',
    }),
    label: z.string().openapi({ description: "The document's own numbering: 三 （十）" }),
    kind: z.enum(['part', 'item', 'paragraph', 'sentence']),
    text: z.string(),
    hash: z.string().openapi({ description: 'Content hash of the normalised words' }),
    leaf: z.boolean().openapi({ description: 'A unit matching ranks and editors cite' }),
    parent: z.string().nullable(),
  })
  .openapi('Clause');

export const PolicyDocumentSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    issuer: z.string(),
    issuedOn: z.string().openapi({ example: '2024-03-05' }),
    sourceUrl: z.string().nullable(),
    revision: z.number(),
    campaigns: z.array(z.object({ slug: z.string(), title: LocalTextSchema })),
    clauses: z.number(),
    adoptions: z.number(),
    proposed: z.number().openapi({ description: 'Candidates waiting for an editor' }),
    updatedAt: z.number(),
  })
  .openapi('PolicyDocument');

export const TargetSchema = z
  .object({
    kind: z.enum(adoptionTargetKinds),
    id: z.string(),
    title: z.string(),
    text: z
      .string()
      .openapi({ description: "Public title and body (the representative's for a cluster)" }),
    ref: z.string().nullable(),
    people: z
      .number()
      .openapi({ description: 'Published submissions behind it, form letters included' }),
    topic: z.object({ key: z.string(), title: LocalTextSchema }).nullable(),
    withheld: z.boolean().openapi({
      description:
        'The text is withheld after reports (举报), pending review: title and text empty',
    }),
  })
  .openapi('AdoptionTarget');

export const CandidateSchema = z
  .object({
    id: z.number(),
    score: z.number().openapi({ description: 'Similarity in [0, 1]' }),
    state: z.enum(['proposed', 'confirmed', 'rejected']),
    clause: z.object({ id: z.string(), anchor: z.string(), label: z.string(), text: z.string() }),
    target: TargetSchema,
    phrases: z.array(
      z.object({
        phrase: z.string(),
        via: z.string().optional(),
        inClause: z.array(Range),
        inTarget: z.array(Range),
      }),
    ),
  })
  .openapi('AdoptionCandidate');

export const MemberGroupSchema = z
  .object({
    ids: z.array(z.string()).openapi({
      description: 'Submissions of one form-letter group (one when the text is unique)',
    }),
    adoptedIds: z
      .array(z.string())
      .openapi({ description: 'Those of ids the adoption holds now (empty before confirmation)' }),
    ref: z.string().openapi({ description: "The group's first submission" }),
    title: z.string().openapi({ description: 'Its public (masked) title' }),
    withheld: z.boolean().openapi({ description: 'Withheld from the public after reports' }),
    count: z.number().openapi({ description: 'Submissions in the group (N 人提交了相同内容)' }),
    authors: z.array(z.number()).openapi({
      description:
        'Its authors as numbers meaningful only within this answer, to count people across groups',
    }),
    firstAt: z.number(),
    lastAt: z.number(),
    afterDocument: z.number().openapi({
      description: "How many were written on a day after the document's date",
    }),
  })
  .openapi('AdoptionMemberGroup');

export const MembersSchema = z
  .object({
    document: z.object({ id: z.string(), title: z.string(), issuedOn: z.string() }),
    target: z.object({ kind: z.enum(adoptionTargetKinds), id: z.string(), title: z.string() }),
    groups: z.array(MemberGroupSchema),
    submissions: z.number(),
    people: z.number().openapi({ description: 'Distinct authors of all groups' }),
  })
  .openapi('AdoptionMembers');

export const MilestoneSchema = z
  .object({
    id: z.number(),
    title: z.string(),
    occurredOn: z.string(),
    percent: z.number(),
    note: z.string().nullable(),
  })
  .openapi('Milestone');

export const AdoptionSchema = z
  .object({
    id: z.string(),
    status: z.enum(adoptionStatuses),
    quotedSpan: z.string(),
    note: z.string().nullable(),
    evidenceUrl: z.string().nullable(),
    confirmedAt: z.number(),
    updatedAt: z.number(),
    campaign: z.object({ slug: z.string(), title: LocalTextSchema }),
    document: z.object({
      id: z.string(),
      title: z.string(),
      issuer: z.string(),
      issuedOn: z.string(),
      sourceUrl: z.string().nullable(),
    }),
    clause: z.object({
      id: z.string(),
      anchor: z.string(),
      label: z.string(),
      text: z.string(),
      retired: z
        .boolean()
        .openapi({ description: 'The current revision no longer has these words' }),
    }),
    target: TargetSchema,
    milestones: z.array(MilestoneSchema),
    progress: z.number().openapi({ description: 'Highest milestone percentage' }),
  })
  .openapi('Adoption');

export const StorySchema = z
  .object({
    id: z.string(),
    campaign: z.object({ slug: z.string(), title: LocalTextSchema }),
    title: z.string(),
    body: z.string(),
    status: z.enum(['draft', 'published']),
    publishedAt: z.number().nullable(),
    updatedAt: z.number(),
    adoptions: z.array(AdoptionSchema),
  })
  .openapi('Story');
