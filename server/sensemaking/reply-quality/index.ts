export {
  scoreReply,
  ReplyInput,
  type ReplyReason,
  type ReplyScore,
  type ReasonCode,
} from './score.ts';
export { replyFeatures, FEATURES, type FeatureCode, type ReplyFeatures } from './features.ts';
export { trainLogistic, rocAuc, predict, sigmoid, type LogisticModel } from './logistic.ts';
export { SHIPPED_MODEL } from './weights.ts';
