import type { LogisticModel } from './logistic.ts';

export const SHIPPED_MODEL: LogisticModel = { bias: 0, weights: [1, 1, 1, 1, 1, 1, 1, 1] };
