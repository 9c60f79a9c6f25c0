// The one place that says what every number means. The data page, the dashboard, the unit league
// table, the monthly close (月清月结), the report and the exports all count through this module;
// nothing else may spell a rate or a predicate (the SQL that counts them, server/store/figures.ts,
// implements the texts below). The README's "Numbers" section quotes them.
import { adoptionStatuses, type Satisfaction } from '../../schema/states.ts';
import type { SubmissionFact } from '../store/figures.ts';
import { publicStatuses } from '../submissions/submission-row.ts';

/** Ratings that count as satisfied: 满意 and 基本满意. */
export const satisfiedValues: readonly Satisfaction[] = ['satisfied', 'basically'];

/** Adoption statuses that count as adopted (under consideration does not). */
export const adoptedStatuses = adoptionStatuses.filter((st) => st !== 'under_consideration');

/** Public counts below this are shown as "<5" (see suppression.ts). */
export const smallCountThreshold = 5;

/** part ÷ whole to three decimals; null when there is nothing to divide by (shown as "—"). */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}

/** One submission as a snapshot counts it (read by the store, see server/store/figures.ts). */
export type { SubmissionFact } from '../store/figures.ts';

/** Hot topics count a cluster's published submissions and those published in the last 7 days. */
export const hotTopicWindowMs = 7 * 86_400_000;

/** Additive counts: sums of these over any set of submissions are again valid counts. */
export type Counts = {
  received: number;
  published: number;
  replied: number;
  unitReplied: number;
  onTime: number;
  satisfied: number;
  basically: number;
  unsatisfied: number;
  adopted: number;
};

export const countKeys = [
  'received',
  'published',
  'replied',
  'unitReplied',
  'onTime',
  'satisfied',
  'basically',
  'unsatisfied',
  'adopted',
] as const satisfies readonly (keyof Counts)[];

export const zeroCounts = (): Counts => ({
  received: 0,
  published: 0,
  replied: 0,
  unitReplied: 0,
  onTime: 0,
  satisfied: 0,
  basically: 0,
  unsatisfied: 0,
  adopted: 0,
});

export function addCounts(into: Counts, add: Counts): Counts {
  for (const k of countKeys) into[k] += add[k];
  return into;
}

/** When the first public answer came: an approved unit reply or a collective reply, whichever first. */
export function firstAnswerAt(f: SubmissionFact): number | null {
  const times = [f.unitReplyAt, f.collectiveAt].filter((t): t is number => t !== null);
  return times.length ? Math.min(...times) : null;
}

/** What one submission contributes to the counts. */
export function countsOf(f: SubmissionFact): Counts {
  const c = zeroCounts();
  c.received = 1;
  if (!(publicStatuses as readonly string[]).includes(f.status)) return c;
  c.published = 1;
  if (firstAnswerAt(f) !== null) c.replied = 1;
  if (f.unitReplyAt !== null) {
    c.unitReplied = 1;
    c.onTime = f.unitReplyOnTime ? 1 : 0;
  }
  for (const value of f.ratings ? f.ratings.split(',') : []) {
    if (value === 'satisfied') c.satisfied += 1;
    else if (value === 'basically') c.basically += 1;
    else if (value === 'unsatisfied') c.unsatisfied += 1;
  }
  c.adopted = f.adopted ? 1 : 0;
  return c;
}

/**
 * Time to reply is kept as a histogram so medians can be summed over days and campaigns:
 * whole hours below three days, whole days (as hours) beyond.
 */
export function replyBucket(ms: number): number {
  const hours = Math.max(0, Math.floor(ms / 3_600_000));
  return hours < 72 ? hours : Math.floor(hours / 24) * 24;
}

/** The reply time a published, replied submission contributes to the histogram, if any. */
export function replyTimeOf(f: SubmissionFact): number | null {
  const answered = firstAnswerAt(f);
  if (answered === null || f.publishedAt === null) return null;
  if (!(publicStatuses as readonly string[]).includes(f.status)) return null;
  return replyBucket(answered - f.publishedAt);
}

/** The ⌈n/2⌉-th shortest reply time, in (bucketed) hours; null without replies. */
export function medianHours(histogram: Iterable<[bucket: number, n: number]>): number | null {
  const sorted = [...histogram].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const middle = Math.ceil(total / 2);
  let seen = 0;
  for (const [bucket, n] of sorted) {
    seen += n;
    if (seen >= middle) return bucket;
  }
  return null;
}

export type Figures = Counts & {
  rated: number;
  replyRate: number | null;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  adoptionRate: number | null;
  medianHoursToReply: number | null;
};

/** Rates from counts: every rate on every page and export is computed here. */
export function figuresOf(c: Counts, medianHoursToReply: number | null = null): Figures {
  const rated = c.satisfied + c.basically + c.unsatisfied;
  return {
    ...c,
    rated,
    replyRate: rate(c.replied, c.published),
    onTimeRate: rate(c.onTime, c.unitReplied),
    satisfactionRate: rate(c.satisfied + c.basically, rated),
    adoptionRate: rate(c.adopted, c.published),
    medianHoursToReply,
  };
}

export type FigureKey = keyof Figures | 'hotTopics' | 'period';

type Definition = { zh: string; en: string };

/** What each figure means, in words, for the pages, the report and the export documentation. */
export const definitions: Record<FigureKey, Definition> = {
  period: {
    zh: '按收到留言的日期（北京时间）归入日、周（周一开始）、月；比率均针对该期间收到的留言。',
    en: 'Submissions are grouped by the China-time day they were received (weeks start on Monday); every rate is about the submissions received in the period.',
  },
  received: {
    zh: '收到：期间内提交的全部留言，含待审核和未通过审核的。',
    en: 'Received: every submission sent in the period, including those awaiting moderation or rejected.',
  },
  published: {
    zh: '公开：其中经审核公开的留言（已公开、已答复、已办结）。',
    en: 'Published: those published after moderation (published, answered or closed).',
  },
  replied: {
    zh: '已答复：公开留言中已有公开答复的（承办单位答复经审核通过，或被公开答复覆盖）。',
    en: 'Replied: published submissions with a public answer (an approved unit reply, or a collective reply that covers it).',
  },
  replyRate: { zh: '答复率 = 已答复 ÷ 公开。', en: 'Reply rate = replied ÷ published.' },
  medianHoursToReply: {
    zh: '答复用时中位数：从公开到首次公开答复的用时，按从短到长第 ⌈n/2⌉ 条计；72 小时内精确到小时，超过按整天计。',
    en: 'Median time to reply: the ⌈n/2⌉-th shortest time from publication to the first public answer; whole hours below 72 h, whole days beyond.',
  },
  unitReplied: {
    zh: '单位答复：公开留言中有承办单位答复经审核通过的（公开答复没有办理时限，不计入）。',
    en: 'Unit-replied: published submissions with an approved reply from a handling unit (collective replies have no deadline and are not counted).',
  },
  onTime: {
    zh: '按时：首次通过的单位答复，审核通过时间不晚于提交答复时有效的办理期限（无期限视为按时）。',
    en: 'On time: the first approved unit reply was approved no later than the due date in force when it was sent (no due date counts as on time).',
  },
  onTimeRate: {
    zh: '按时答复率 = 按时 ÷ 单位答复。',
    en: 'On-time rate = on time ÷ unit-replied.',
  },
  satisfied: { zh: '满意：评价为“满意”的次数。', en: 'Satisfied: ratings of 满意.' },
  basically: {
    zh: '基本满意：评价为“基本满意”的次数。',
    en: 'Basically satisfied: ratings of 基本满意.',
  },
  unsatisfied: { zh: '不满意：评价为“不满意”的次数。', en: 'Unsatisfied: ratings of 不满意.' },
  rated: {
    zh: '评价：留言人对答复的全部评价，每轮办理各计一次。',
    en: 'Rated: every rating of an answer by its author, one per handling round.',
  },
  satisfactionRate: {
    zh: '满意率 =（满意 + 基本满意）÷ 全部评价。',
    en: 'Satisfaction = (满意 + 基本满意) ÷ all ratings.',
  },
  adopted: {
    zh: '被采纳：公开留言中，至少一条未撤回、状态为部分采纳、已采纳或已落实的采纳记录所涉及的留言（去重）。',
    en: 'Adopted: distinct published submissions behind at least one adoption that is not withdrawn and is partially adopted, adopted or implemented.',
  },
  adoptionRate: { zh: '采纳率 = 被采纳 ÷ 公开。', en: 'Adoption rate = adopted ÷ published.' },
  hotTopics: {
    zh: '热点话题：主题聚类按快照前 7 天内公开的留言数排序。',
    en: 'Hot topics: topic clusters ranked by submissions published in the 7 days before the snapshot.',
  },
};

/** A monthly scorecard of a handling unit or an addressee (server/boards/scorecards.ts). */
export type Scorecard = {
  received: number;
  answered: number;
  answerRate: number | null;
  onTime: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  returned: number;
  overdueNow: number;
};

/** A scorecard from its cohort counts and the matters past due now. */
export function scorecardOf(
  c: {
    received: number;
    answered: number;
    onTime: number;
    returned: number;
    satisfied: number;
    rated: number;
  },
  overdueNow: number,
): Scorecard {
  return {
    received: c.received,
    answered: c.answered,
    answerRate: rate(c.answered, c.received),
    onTime: c.onTime,
    onTimeRate: rate(c.onTime, c.answered),
    satisfactionRate: rate(c.satisfied, c.rated),
    returned: c.returned,
    overdueNow,
  };
}

/** Boards are in alarm when no answer for this long while a message waits as long (互动回应差). */
export const silentBoardMs = 60 * 86_400_000;

export const scorecardDefinitions: Record<keyof Scorecard | 'month' | 'silentBoard', Definition> = {
  month: {
    zh: '月度成绩单按批次统计：当月到达该单位（或写给该领导、当月公开）的留言，以及截至统计时它们的办理结果。',
    en: 'A monthly scorecard follows a cohort: the messages that reached the unit (or were written to the leader and published) in the month, and what became of them by the time of counting.',
  },
  received: {
    zh: '收到：当月到达该单位的留言（按规则、审核员指派、转办或重办，同一留言计一次）；领导为当月公开的写给该领导的留言。',
    en: 'Received: messages that reached the unit in the month (by rule, reviewer, transfer or reopening; each once); for a leader, messages to them published in the month.',
  },
  answered: {
    zh: '已答复：其中已有经审核公开的答复的（单位成绩单只计该单位自己的答复）。',
    en: "Answered: those with an approved public answer (a unit's scorecard counts only its own answers).",
  },
  answerRate: { zh: '答复率 = 已答复 ÷ 收到。', en: 'Answer rate = answered ÷ received.' },
  onTime: {
    zh: '按时：首次通过的答复，审核通过时间不晚于提交答复时有效的办理期限。',
    en: 'On time: the first approved answer was approved no later than the due date in force when it was sent.',
  },
  onTimeRate: { zh: '按时率 = 按时 ÷ 已答复。', en: 'On-time rate = on time ÷ answered.' },
  satisfactionRate: {
    zh: '满意率 =（满意 + 基本满意）÷ 这些留言的全部评价。',
    en: 'Satisfaction = (满意 + 基本满意) ÷ all ratings of these messages.',
  },
  returned: {
    zh: '被退回：这些留言的答复中，因敷衍等原因被审核员退回重办的次数。',
    en: 'Returned: answers to these messages that reviewers sent back (perfunctory and the like).',
  },
  overdueNow: {
    zh: '当前超期：统计时仍未答复且已过办理期限的留言（不限月份）。',
    en: 'Overdue now: messages still unanswered past their due date at the time of counting (any month).',
  },
  silentBoard: {
    zh: '两月无答复：领导留言板最近一次公开答复已超过 60 天（或从未答复），且有留言等待答复超过 60 天。',
    en: 'Silent for two months: the board’s latest public answer is more than 60 days old (or none), while a message has waited more than 60 days.',
  },
};
