/**
 * Realistic Chinese submissions for load tests: the labelled message-board data set
 * (id,title,created_at,body,category), cut to fit a campaign's form as the API describes it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
// The server's own normalisation, so lengths are counted exactly as the form check counts them.
import { cleanText as clean } from '../../server/submissions/submission-input.ts';

export const defaultMessagesFile =
  process.env.HUIYIN_BENCH_MESSAGES ?? '/work/shared/data/messages_labeled.csv';

export type MessageRow = { id: string; title: string; body: string; category: string };

/** Reads the CSV, or returns null when the file is not there (the caller skips). */
export function readMessages(file = defaultMessagesFile): MessageRow[] | null {
  if (!existsSync(file)) return null;
  const rows = parse(readFileSync(file), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  }) as Record<string, string>[];
  return rows.map((r) => ({
    id: r.id ?? '',
    title: r.title ?? '',
    body: r.body ?? '',
    category: r.category ?? '',
  }));
}

/** The parts of GET /api/campaigns/:slug that a submission must satisfy (see the README's API section). */
export type CampaignForm = {
  title: { min: number; max: number };
  body: { min: number; max: number };
  region: { required: boolean; within: string };
  topicRequired: boolean;
  fields: {
    key: string;
    type: 'text' | 'textarea' | 'select' | 'number';
    required: boolean;
    max?: number;
    options?: { value: string }[];
  }[];
};
export type CampaignTopic = { key: string; title: { 'zh-CN': string } };

/** County-level codes in Henan (GB/T 2260), spread over the cities the routing rules name. */
export const henanCounties = [
  '411002', // 许昌市 魏都区
  '411003', // 许昌市 建安区
  '411681', // 周口市 项城市
  '410902', // 濮阳市 华龙区
  '411602', // 周口市 川汇区
  '411102', // 漯河市 源汇区
  '410102', // 郑州市 中原区
  '410105', // 郑州市 金水区
];

/** Cuts to at most `max` characters as people count them (code points), then re-trims. */
function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : clean(chars.slice(0, max).join(''));
}

const length = (text: string) => [...text].length;

/**
 * Turns data-set rows into request bodies the campaign accepts: title and body cut to the
 * form's limits (rows still too short are dropped), a region within the campaign's area, the
 * data set's category as the topic (two in three; the rest leave it to the classifier), and
 * every custom field filled (select fields take their options in turn).
 */
export function fitToForm(
  rows: MessageRow[],
  form: CampaignForm,
  topics: CampaignTopic[],
): Record<string, unknown>[] {
  const regions = henanCounties.filter((code) => code.startsWith(form.region.within));
  if (form.region.required && regions.length === 0) {
    throw new Error(`No sample county code lies within region ${form.region.within}`);
  }
  const topicByName = new Map(topics.map((t) => [t.title['zh-CN'], t.key]));
  const out: Record<string, unknown>[] = [];
  rows.forEach((row, i) => {
    const title = cut(clean(row.title), form.title.max);
    const body = cut(clean(row.body), form.body.max);
    if (length(title) < form.title.min || length(body) < form.body.min) return;
    const custom: Record<string, string | number> = {};
    for (const field of form.fields) {
      if (!field.required && i % 2 === 1) continue;
      if (field.type === 'select' && field.options?.length) {
        custom[field.key] = field.options[i % field.options.length]!.value;
      } else if (field.type === 'number') {
        custom[field.key] = i % 100;
      } else {
        custom[field.key] = cut(body, field.max ?? 200);
      }
    }
    const topic = topicByName.get(row.category);
    out.push({
      title,
      body,
      regionCode: regions.length ? regions[i % regions.length] : null,
      topic: form.topicRequired || i % 3 !== 2 ? (topic ?? topics[0]?.key ?? null) : null,
      custom,
      showName: i % 2 === 0,
    });
  });
  return out;
}
