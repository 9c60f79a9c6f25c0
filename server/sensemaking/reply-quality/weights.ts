import type { LogisticModel } from './logistic.ts';

/**
 * The shipped weights of the perfunctory-reply model, one per feature in FEATURES order, so the
 * score never reads a data file at run time.
 *
 * How they were trained: `npm run eval:replies -- --data replies_labeled.csv --train` computes the
 * features of the 2,249 hand-labelled replies of ../shared/data/replies_labeled.csv (title + body
 * as the question; explains = 0, 232 replies, is the positive class) and fits trainLogistic() with
 * its defaults: batch gradient descent, 5,000 steps at rate 1, classes weighed equally, L2 1e-3,
 * weights kept ≥ 0 so a feature can only count against a reply. It prints this constant.
 * Only the text is used (no ids, users or dates). Cross-validated AUC of the same recipe: 0.980 (5-fold).
 *
 * Read them as log-odds: a reply with no substance at all (too-short = 1) gains 4.8, one that
 * explains nothing (no rule, cause, state or procedure) 2.5, and so on; the bias makes a reply
 * with every feature at 0 score ≈ 0.0002.
 */
export const SHIPPED_MODEL: LogisticModel = {
  bias: -8.379,
  weights: [
    4.795, // too-short
    0.45, // boilerplate
    1.182, // no-commitment
    2.537, // no-explanation
    0.216, // no-date
    0.067, // no-office
    2.536, // low-overlap
    0.227, // unanswered
    1.952, // deflects
  ],
};
