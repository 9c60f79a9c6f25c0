import { z } from 'zod';
import type { CampaignDefinition } from '../campaigns/definition.ts';
import type { Regions } from '../regions/regions.ts';
import { ApiError } from '../http/api-error.ts';

/** The request body's shape; campaign-specific rules (lengths, topics, fields) are checked after. */
export const submissionInput = z.strictObject({
  title: z.string().max(1000),
  body: z.string().max(50_000),
  regionCode: z
    .string()
    .regex(/^\d{2,6}$/, 'a region code has 2, 4 or 6 digits')
    .nullish(),
  topic: z.string().max(64).nullish(),
  /** Key of the addressee written to, on a leadership board (campaigns/organisations.yaml). */
  addressee: z.string().max(64).nullish(),
  custom: z.record(z.string().max(64), z.union([z.string().max(20_000), z.number()])).optional(),
  showName: z.boolean().default(false),
});
export type SubmissionInput = z.infer<typeof submissionInput>;

/** Trims, unifies line breaks and drops control characters, so lengths count what people see. */
export function cleanText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

const length = (text: string) => [...text].length;

export type CleanSubmission = {
  title: string;
  body: string;
  regionCode: string | null;
  topic: string | null;
  custom: Record<string, string | number>;
  showName: boolean;
};

/** Applies the campaign's form rules; all problems are reported together, by field. */
export function checkAgainstForm(
  def: CampaignDefinition,
  regions: Regions,
  input: SubmissionInput,
): CleanSubmission {
  const fields: Record<string, string> = {};
  const form = def.form;
  const title = cleanText(input.title);
  const body = cleanText(input.body);
  if (length(title) < form.title.min) fields.title = `at least ${form.title.min} characters`;
  else if (length(title) > form.title.max) fields.title = `at most ${form.title.max} characters`;
  if (length(body) < form.body.min) fields.body = `at least ${form.body.min} characters`;
  else if (length(body) > form.body.max) fields.body = `at most ${form.body.max} characters`;

  const regionCode = input.regionCode ?? null;
  if (regionCode === null) {
    if (form.region.required) fields.regionCode = 'choose a region';
  } else if (!regions.get(regionCode)) {
    fields.regionCode = 'unknown region code';
  } else if (!regionCode.startsWith(form.region.within)) {
    fields.regionCode = `this campaign accepts regions within ${form.region.within}`;
  }

  const topic = input.topic ?? null;
  if (topic === null) {
    if (form.topicRequired) fields.topic = 'choose a topic';
  } else if (!def.topics.some((t) => t.key === topic)) {
    fields.topic = 'unknown topic';
  }

  // Whom to (a leadership board): which addressee is checked against the directory after.
  if (input.addressee && !form.addressee) fields.addressee = 'this campaign takes no addressee';
  else if (!input.addressee && form.addressee?.required)
    fields.addressee = 'choose whom to write to';

  const custom: Record<string, string | number> = {};
  const given = input.custom ?? {};
  for (const key of Object.keys(given)) {
    if (!form.fields.some((f) => f.key === key))
      fields[`custom.${key}`] = 'this campaign has no such field';
  }
  for (const field of form.fields) {
    const raw = given[field.key];
    const path = `custom.${field.key}`;
    if (raw === undefined || raw === '') {
      if (field.required) fields[path] = 'required';
      continue;
    }
    if (field.type === 'number') {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) fields[path] = 'a number is needed';
      else custom[field.key] = raw;
    } else if (typeof raw !== 'string') {
      fields[path] = 'text is needed';
    } else if (field.type === 'select') {
      if (!field.options?.some((o) => o.value === raw)) fields[path] = 'not one of the options';
      else custom[field.key] = raw;
    } else {
      const text = cleanText(raw);
      const max = field.max ?? (field.type === 'textarea' ? 2000 : 200);
      if (length(text) > max) fields[path] = `at most ${max} characters`;
      else if (text) custom[field.key] = text;
    }
  }

  if (Object.keys(fields).length) {
    throw new ApiError('validation_failed', 'Some fields are not valid', { fields });
  }
  return { title, body, regionCode, topic, custom, showName: input.showName };
}

/**
 * A reason, note or title a person must write for others to read: cleaned, and refused with a
 * field error when shorter than `min` (or longer than `max`) characters.
 */
export function requireWords(
  raw: string,
  field: string,
  message: string,
  min = 2,
  max?: number,
): string {
  const text = cleanText(raw);
  const n = length(text);
  if (n < min || (max !== undefined && n > max)) {
    throw new ApiError('validation_failed', message, {
      fields: {
        [field]:
          max === undefined ? `at least ${min} characters` : `between ${min} and ${max} characters`,
      },
    });
  }
  return text;
}
