// A small logistic model, trained by plain batch gradient descent (no dependencies), and ROC AUC.

export interface LogisticModel {
  bias: number;
  /** One weight per feature, in the features' order. */
  weights: number[];
}

export interface TrainOptions {
  /** Gradient steps over the whole batch. */
  iterations?: number;
  learningRate?: number;
  /** L2 penalty on the weights (not the bias). */
  l2?: number;
  /** Weigh the classes equally (the perfunctory class is rare). */
  balanced?: boolean;
  /** Keep the weights ≥ 0, so every feature can only ever count against a reply. */
  nonNegative?: boolean;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function predict(model: LogisticModel, x: readonly number[]): number {
  let z = model.bias;
  for (let j = 0; j < model.weights.length; j++) z += model.weights[j]! * (x[j] ?? 0);
  return sigmoid(z);
}

/** Fits P(y = 1 | x) by minimising the (class-weighted) log loss plus an L2 penalty. */
export function trainLogistic(
  xs: readonly (readonly number[])[],
  ys: readonly (0 | 1)[],
  options: TrainOptions = {},
): LogisticModel {
  const {
    iterations = 5000,
    learningRate = 1,
    l2 = 1e-3,
    balanced = true,
    nonNegative = true,
  } = options;
  const n = xs.length;
  const d = xs[0]?.length ?? 0;
  if (n === 0 || n !== ys.length) throw new Error('trainLogistic: need as many labels as rows');
  const positives = ys.filter((y) => y === 1).length;
  const negatives = n - positives;
  const rowWeight = ys.map((y) =>
    balanced ? (y === 1 ? n / (2 * Math.max(positives, 1)) : n / (2 * Math.max(negatives, 1))) : 1,
  );
  const model: LogisticModel = { bias: 0, weights: new Array<number>(d).fill(0) };
  const grad = new Array<number>(d);
  for (let it = 0; it < iterations; it++) {
    grad.fill(0);
    let gradBias = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      const err = (predict(model, x) - ys[i]!) * rowWeight[i]!;
      gradBias += err;
      for (let j = 0; j < d; j++) grad[j]! += err * x[j]!;
    }
    model.bias -= (learningRate * gradBias) / n;
    for (let j = 0; j < d; j++) {
      const w = model.weights[j]! - learningRate * (grad[j]! / n + l2 * model.weights[j]!);
      model.weights[j] = nonNegative ? Math.max(0, w) : w;
    }
  }
  return model;
}

/**
 * ROC AUC: the chance that a random positive scores above a random negative, ties counting half
 * (the Mann–Whitney statistic, computed from average ranks). NaN when a class is missing.
 */
export function rocAuc(scores: readonly number[], labels: readonly (0 | 1)[]): number {
  if (scores.length !== labels.length)
    throw new Error('rocAuc: scores and labels differ in length');
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = rank;
    i = j + 1;
  }
  let positives = 0;
  let rankSum = 0;
  labels.forEach((y, i) => {
    if (y !== 1) return;
    positives++;
    rankSum += ranks[i]!;
  });
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
