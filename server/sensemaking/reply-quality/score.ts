// The perfunctory-reply score: reviewers see it next to a reply before it goes public, with the
// reasons, and return (退回) replies that brush the citizen off.
import { z } from 'zod';
import { FEATURES, replyFeatures, type FeatureCode } from './features.ts';
import { predict, type LogisticModel } from './logistic.ts';
import { SHIPPED_MODEL } from './weights.ts';

export type ReasonCode = FeatureCode;

export interface ReplyReason {
  code: ReasonCode;
  /** What this reason adds to the log-odds of "perfunctory" (weight × feature value), > 0. */
  weight: number;
  detail?: string;
}

export interface ReplyScore {
  /** 0 = substantive … 1 = perfunctory (a probability with the classes weighed equally). */
  score: number;
  /** The reasons that count against the reply, the heaviest first. */
  reasons: ReplyReason[];
}

export const ReplyInput = z.object({
  /** Title and body of the citizen's message. */
  question: z.string(),
  /** The official reply. */
  reply: z.string(),
});
export type ReplyInput = z.infer<typeof ReplyInput>;

/** Reasons that add less than this to the log-odds are left out as noise. */
const MIN_REASON_WEIGHT = 0.05;

export function scoreReply(input: ReplyInput, model: LogisticModel = SHIPPED_MODEL): ReplyScore {
  const { question, reply } = ReplyInput.parse(input);
  const { values, details } = replyFeatures(question, reply);
  const reasons: ReplyReason[] = FEATURES.map((code, j) => ({
    code,
    weight: Math.round((model.weights[j] ?? 0) * values[j]! * 1000) / 1000,
    detail: details[code],
  }))
    .filter((r) => r.weight >= MIN_REASON_WEIGHT)
    .sort((a, b) => b.weight - a.weight);
  return { score: predict(model, values), reasons };
}
