// The shape of a campaign definition. Files under campaigns/ and the owner's console both produce
// this object; nothing in the core looks at a campaign's slug: every difference is data here.
import { z } from 'zod';
import {
  campaignKinds,
  moderationModes,
  phaseActions,
  submissionKinds,
} from '../../schema/states.ts';

/** Text shown to people, in Chinese first and optionally English. */
export const localText = z.strictObject({
  'zh-CN': z.string().trim().min(1),
  en: z.string().trim().min(1).optional(),
});
export type LocalText = z.infer<typeof localText>;

const key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes')
  .max(64);

/** Dates are calendar days in China Standard Time, written YYYY-MM-DD. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'write dates as YYYY-MM-DD');

export const phaseDefinition = z
  .strictObject({
    key,
    title: localText,
    starts: isoDate,
    /** Last day of the phase (inclusive); omit for a phase that never closes. */
    ends: isoDate.optional(),
    allows: z.array(z.enum(phaseActions)),
  })
  .refine((p) => p.ends === undefined || p.ends >= p.starts, {
    message: 'a phase must not end before it starts',
    path: ['ends'],
  });

export const topicDefinition = z.strictObject({
  key,
  title: localText,
  description: localText.optional(),
});

export const customFieldDefinition = z
  .strictObject({
    key,
    label: localText,
    type: z.enum(['text', 'textarea', 'select', 'number']),
    required: z.boolean().default(false),
    max: z.number().int().positive().max(5000).optional(),
    options: z.array(z.strictObject({ value: key, label: localText })).optional(),
  })
  .refine((f) => f.type !== 'select' || (f.options?.length ?? 0) > 0, {
    message: 'a select field needs options',
    path: ['options'],
  });

export const formDefinition = z.strictObject({
  title: z
    .strictObject({
      min: z.number().int().min(1).default(4),
      max: z.number().int().max(200).default(60),
    })
    .default({ min: 4, max: 60 }),
  body: z
    .strictObject({
      min: z.number().int().min(1).default(10),
      max: z.number().int().max(20000).default(3000),
    })
    .default({ min: 10, max: 3000 }),
  /** Whether a region is required, and the division code prefix it must lie within ('' = all China). */
  region: z
    .strictObject({
      required: z.boolean().default(true),
      within: z
        .string()
        .regex(/^\d{0,6}$/)
        .default(''),
    })
    .default({ required: true, within: '' }),
  topicRequired: z.boolean().default(true),
  /**
   * A leadership board's form: the writer chooses whom the message is to (an addressee of
   * campaigns/organisations.yaml, within the campaign's regions). Absent: no addressee is taken.
   */
  addressee: z.strictObject({ required: z.boolean().default(true) }).optional(),
  fields: z.array(customFieldDefinition).default([]),
});

export const routingRule = z.strictObject({
  topic: key.optional(),
  /** Division code prefix, e.g. '41' for Henan, '4110' for Xuchang. */
  region: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
  unit: key,
});

export const handlingDefinition = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('routed'),
    rules: z.array(routingRule).default([]),
    /** Working days to reply, by urgency; `secondRound` after an author rated the answer 不满意. */
    serviceLevels: z
      .strictObject({
        urgent: z.number().int().positive(),
        normal: z.number().int().positive(),
        secondRound: z.number().int().positive().default(5),
      })
      .default({ urgent: 3, normal: 15, secondRound: 5 }),
    /** Words that make a message urgent on arrival (轻重缓急); reviewers can change urgency later. */
    urgentKeywords: z
      .array(z.string().min(1))
      .default([
        '拖欠工资',
        '欠薪',
        '讨薪',
        '安全隐患',
        '塌陷',
        '坍塌',
        '火灾',
        '燃气泄漏',
        '煤气泄漏',
        '触电',
        '急救',
        '病危',
        '救命',
      ]),
    /** A custom select field whose value 'urgent' marks a message urgent, if the form has one. */
    urgencyField: key.optional(),
  }),
  z.strictObject({ mode: z.literal('collective') }),
]);

export const policyDocumentReference = z.strictObject({
  key,
  title: localText,
  issuer: localText,
  year: z.number().int().min(1949).max(2100),
  url: z.url().optional(),
});

export const campaignDefinition = z
  .strictObject({
    slug: key,
    /** Two to four capital letters starting each reference number, e.g. LB → LB-2026-000123. */
    refPrefix: z.string().regex(/^[A-Z]{2,4}$/, 'two to four capital letters'),
    kind: z.enum(campaignKinds),
    title: localText,
    summary: localText,
    description: localText,
    /** Code of the organisation that owns the campaign (see campaigns/organisations.yaml). */
    owner: key,
    submissionKind: z.enum(submissionKinds),
    /** pre: new submissions wait for a reviewer; post: they are published at once. */
    moderation: z.enum(moderationModes),
    handling: handlingDefinition,
    phases: z.array(phaseDefinition).min(1),
    topics: z.array(topicDefinition).min(1),
    form: formDefinition.default({
      title: { min: 4, max: 60 },
      body: { min: 10, max: 3000 },
      region: { required: true, within: '' },
      topicRequired: true,
      fields: [],
    }),
    policyDocuments: z.array(policyDocumentReference).default([]),
    /** Sensemaking settings: how sure the classifier must be to route on its own (0–1). */
    sensemaking: z
      .strictObject({ autoRouteThreshold: z.number().min(0).max(1).default(0.75) })
      .default({ autoRouteThreshold: 0.75 }),
  })
  .superRefine((c, ctx) => {
    const unique = (values: string[], path: string) => {
      const seen = new Set<string>();
      values.forEach((v, i) => {
        if (seen.has(v))
          ctx.addIssue({ code: 'custom', message: `duplicate key '${v}'`, path: [path, i] });
        seen.add(v);
      });
    };
    unique(
      c.phases.map((p) => p.key),
      'phases',
    );
    unique(
      c.topics.map((t) => t.key),
      'topics',
    );
    unique(
      c.form.fields.map((f) => f.key),
      'form',
    );
    const sorted = [...c.phases].sort((a, b) => a.starts.localeCompare(b.starts));
    sorted.forEach((p, i) => {
      const next = sorted[i + 1];
      if (next && (p.ends === undefined || p.ends >= next.starts)) {
        ctx.addIssue({
          code: 'custom',
          message: `phase '${p.key}' overlaps phase '${next.key}'`,
          path: ['phases'],
        });
      }
    });
    if (c.handling.mode === 'routed') {
      const topics = new Set(c.topics.map((t) => t.key));
      c.handling.rules.forEach((r, i) => {
        if (r.topic && !topics.has(r.topic)) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown topic '${r.topic}'`,
            path: ['handling', 'rules', i, 'topic'],
          });
        }
      });
    }
  });

export type CampaignDefinition = z.infer<typeof campaignDefinition>;
export type CampaignDefinitionInput = z.input<typeof campaignDefinition>;
export type PhaseDefinition = z.infer<typeof phaseDefinition>;

/**
 * An office whose holder receives messages (省委书记, 市长, a ministry's 部长): its region is its
 * organisation's; `unit` handles its messages when no routing rule picks a unit below it. Demo
 * files name offices or plainly fictional holders, never real people.
 */
export const addresseeDefinition = z.strictObject({
  /** Stable key used in URLs and stored on messages, e.g. `xuchang-mayor`. */
  key,
  title: localText,
  /** The office's holder as shown on the board, if the operator names one. */
  holder: localText.optional(),
  /** Code of the organisation that handles its messages by default. */
  unit: key,
  /** A retired addressee keeps its board and messages but takes no new ones. */
  retired: z.boolean().default(false),
});
export type AddresseeDefinition = z.infer<typeof addresseeDefinition>;

/** The organisation tree file, campaigns/organisations.yaml. */
export const organisationDefinition = z.strictObject({
  code: key,
  name: z.string().min(1),
  nameEn: z.string().min(1).optional(),
  kind: z.enum(['platform', 'ministry', 'province', 'city', 'county', 'department']),
  parent: key.optional(),
  region: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
  /** The leaders one writes to here (the organisation's 一把手 offices). */
  addressees: z.array(addresseeDefinition).default([]),
});
export const organisationsFile = z.strictObject({
  organisations: z.array(organisationDefinition).min(1),
});
export type OrganisationDefinition = z.infer<typeof organisationDefinition>;
