// The routing classifier: proposes a topic with a confidence and the words that drove it.
export {
  trainClassifier,
  predict,
  serializeModel,
  deserializeModel,
  type ClassifierModel,
  type Evidence,
  type Prediction,
  type TrainingExample,
  type TrainOptions,
} from './model.ts';
export { defaultFeatureConfig, type FeatureConfig } from './features.ts';
export {
  parseLabeledCsv,
  labeledRowsToExamples,
  messageText,
  LabeledCsvError,
  type LabeledRow,
  type TopicLike,
} from './labeled-csv.ts';
export {
  proposeTopic,
  retrainRoutingModel,
  trainingExamplesWithCorrections,
  type ReviewerCorrection,
  type RetrainResult,
  type TopicProposal,
} from './routing.ts';
export { classificationReport, formatReport, stratifiedSplit } from './evaluate.ts';
