// Routing with the classifier: a proposed topic that is routed automatically when the model is
// confident enough for the campaign, else waits for a reviewer; reviewers' corrections become
// training examples the next time the model is retrained.
import { normalizeText } from '../text-pipeline.ts';
import { messageText } from './labeled-csv.ts';
import {
  predict,
  serializeModel,
  trainClassifier,
  type ClassifierModel,
  type Evidence,
  type TrainingExample,
  type TrainOptions,
} from './model.ts';

export interface TopicProposal {
  topic: string;
  confidence: number;
  /** True when `confidence` reaches the campaign's threshold: route without a reviewer. */
  automatic: boolean;
  /** Other topics, most likely first (for the reviewer's choice). */
  alternatives: { topic: string; confidence: number }[];
  /** The words that drove the proposal. */
  evidence: Evidence[];
}

/** The topic the model proposes for a submission, and whether it may be routed without review. */
export function proposeTopic(
  model: ClassifierModel,
  submission: { title: string; body?: string | null },
  threshold: number,
): TopicProposal {
  const p = predict(model, messageText(submission.title, submission.body));
  return {
    topic: p.label,
    confidence: p.confidence,
    automatic: p.confidence >= threshold,
    alternatives: p.ranking.slice(1).map((r) => ({ topic: r.label, confidence: r.probability })),
    evidence: p.evidence,
  };
}

/** A reviewer set the topic of a submission (by hand from triage, or overriding the model). */
export interface ReviewerCorrection {
  submissionId: string;
  title: string;
  body?: string | null;
  topic: string;
  /** ISO time; the latest correction of a submission wins. */
  correctedAt: string;
}

const sameText = (text: string) => normalizeText(text).replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Training examples from labelled history and reviewers' corrections. A correction replaces any
 * history example with the same text, only a submission's latest correction counts, and a
 * correction weighs `correctionWeight` times a history example (it is recent and checked).
 */
export function trainingExamplesWithCorrections(
  history: TrainingExample[],
  corrections: ReviewerCorrection[],
  options: { correctionWeight?: number } = {},
): TrainingExample[] {
  const latest = new Map<string, ReviewerCorrection>();
  for (const c of corrections) {
    const seen = latest.get(c.submissionId);
    if (!seen || c.correctedAt >= seen.correctedAt) latest.set(c.submissionId, c);
  }
  const corrected = [...latest.values()].map((c) => ({
    text: messageText(c.title, c.body),
    label: c.topic,
    weight: options.correctionWeight ?? 2,
  }));
  const correctedTexts = new Set(corrected.map((e) => sameText(e.text)));
  return [...history.filter((e) => !correctedTexts.has(sameText(e.text))), ...corrected];
}

export interface RetrainResult {
  model: ClassifierModel;
  /** The model as JSON, to store. */
  serialized: string;
  /** What a recorded retraining job reports. */
  summary: {
    examples: number;
    corrections: number;
    labels: Record<string, number>;
    features: number;
    trainingMs: number;
    modelBytes: number;
    sharpness: number;
  };
}

/** Retrains from history plus corrections (the body of the recorded retraining job). */
export function retrainRoutingModel(
  history: TrainingExample[],
  corrections: ReviewerCorrection[],
  options: TrainOptions & { correctionWeight?: number } = {},
): RetrainResult {
  const examples = trainingExamplesWithCorrections(history, corrections, options);
  const model = trainClassifier(examples, options);
  const serialized = serializeModel(model);
  return {
    model,
    serialized,
    summary: {
      examples: examples.length,
      corrections: new Set(corrections.map((c) => c.submissionId)).size,
      labels: model.stats.perLabel,
      features: model.stats.features,
      trainingMs: model.stats.trainingMs,
      modelBytes: Buffer.byteLength(serialized),
      sharpness: model.sharpness,
    },
  };
}
