// Accuracy of the routing classifier on labelled CSV files (columns title, body?, category).
//
//   npm run eval:routing -- --train A.csv [--train B.csv …] --test C.csv
//   npm run eval:routing -- --train messages.csv --train titles.csv --holdout 0.2 --seed 1
//   npm run eval:routing -- --train messages.csv --train titles.csv --holdout 0.2 --cv 5
//
// --holdout holds out a stratified share of the FIRST --train file as the test set. Any training
// row whose normalised title equals a test row's title is dropped, so a title that appears in two
// files cannot be learned and then tested. --cv K instead cross-validates inside the training data
// (the test set is not read; folds keep equal titles together; scored on rows of the first file):
// use it to choose options. Options: --c, --min-df, --max-features, --char-max, --no-words, --bigrams, --no-title-block, --balanced (the default) or --unbalanced,
// --max-chars, --save model.json. The last line printed is `macro-F1 0.xxxx`.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseLabeledCsv, messageText } from '../../server/sensemaking/classifier/labeled-csv.ts';
import {
  classificationReport,
  formatReport,
  stratifiedSplit,
  thresholdTable,
  titleKey,
} from '../../server/sensemaking/classifier/evaluate.ts';
import {
  predict,
  seededRandom,
  serializeModel,
  trainClassifier,
  type TrainOptions,
} from '../../server/sensemaking/classifier/model.ts';

interface Row {
  title: string;
  body: string;
  category: string;
  file: number;
}

const { values: args } = parseArgs({
  options: {
    train: { type: 'string', multiple: true },
    test: { type: 'string', multiple: true },
    holdout: { type: 'string' },
    seed: { type: 'string', default: '1' },
    cv: { type: 'string' },
    c: { type: 'string' },
    'min-df': { type: 'string' },
    'max-features': { type: 'string' },
    'char-max': { type: 'string' },
    'max-chars': { type: 'string' },
    'no-words': { type: 'boolean', default: false },
    bigrams: { type: 'boolean', default: false },
    'no-title-block': { type: 'boolean', default: false },
    balanced: { type: 'boolean', default: false },
    unbalanced: { type: 'boolean', default: false },
    'title-only-weight': { type: 'string', default: '1' },
    save: { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const trainFiles = args.train ?? [];
if (trainFiles.length === 0) fail('Give at least one --train FILE.csv');
const seed = Number(args.seed);
const load = (file: string, index: number): Row[] =>
  parseLabeledCsv(readFileSync(file, 'utf8')).map((r) => ({ ...r, file: index }));

const options: TrainOptions = { seed, features: {} };
if (args.c) options.c = Number(args.c);
if (args['min-df']) options.minDf = Number(args['min-df']);
if (args['max-features']) options.maxFeatures = Number(args['max-features']);
if (args['char-max']) options.features!.charNgramMax = Number(args['char-max']);
if (args['max-chars']) options.features!.maxChars = Number(args['max-chars']);
if (args.balanced) options.balanced = true;
if (args.unbalanced) options.balanced = false;
if (args['no-title-block']) options.features!.titleBlock = false;
if (args.bigrams) options.features!.wordBigrams = true;
if (args['no-words']) options.features!.wordUnigrams = false;
if (args['no-words']) options.features!.wordBigrams = false;

const trainSets = trainFiles.map(load);
let train: Row[];
let test: Row[];
if (args.test) {
  train = trainSets.flat();
  test = args.test.flatMap((f) => load(f, -1));
} else if (args.holdout) {
  const first = trainSets[0]!;
  const split = stratifiedSplit(
    first.map((r) => r.category),
    Number(args.holdout),
    seed,
  );
  test = split.test.map((i) => first[i]!);
  train = [...split.train.map((i) => first[i]!), ...trainSets.slice(1).flat()];
} else if (args.cv) {
  train = trainSets.flat();
  test = [];
} else {
  fail('Give --test FILE.csv, --holdout FRACTION or --cv K');
}

const testTitles = new Set(test.map((r) => titleKey(r.title)));
const before = train.length;
train = train.filter((r) => !testTitles.has(titleKey(r.title)));
const titleOnlyWeight = Number(args['title-only-weight']);
const toExample = (r: Row) => ({
  text: messageText(r.title, r.body),
  label: r.category,
  ...(r.body || titleOnlyWeight === 1 ? {} : { weight: titleOnlyWeight }),
});

if (args.cv) {
  // Cross-validation inside the training data, groups of equal titles kept in one fold.
  const folds = Number(args.cv);
  const random = seededRandom(seed + 1000);
  const foldOfTitle = new Map<string, number>();
  const fold = train.map((r) => {
    const key = titleKey(r.title);
    if (!foldOfTitle.has(key)) foldOfTitle.set(key, Math.floor(random() * folds));
    return foldOfTitle.get(key)!;
  });
  const truth: string[] = [];
  const predicted: string[] = [];
  const perFold: number[] = [];
  let ms = 0;
  for (let f = 0; f < folds; f++) {
    const started = performance.now();
    const model = trainClassifier(train.filter((_, i) => fold[i] !== f).map(toExample), {
      ...options,
      calibrationFolds: 0,
    });
    ms += performance.now() - started;
    const foldTruth: string[] = [];
    const foldPredicted: string[] = [];
    train.forEach((r, i) => {
      if (fold[i] !== f || r.file !== 0) return;
      foldTruth.push(r.category);
      foldPredicted.push(predict(model, messageText(r.title, r.body)).label);
    });
    perFold.push(classificationReport(foldTruth, foldPredicted).macroF1);
    truth.push(...foldTruth);
    predicted.push(...foldPredicted);
  }
  const mean = perFold.reduce((a, b) => a + b, 0) / folds;
  const sd = Math.sqrt(perFold.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(folds - 1, 1));
  console.log(
    `${folds}-fold cross-validation on ${train.length} training rows (${before - train.length} dropped as test titles), scored on ${truth.length} rows of ${trainFiles[0]}; ${(ms / folds / 1000).toFixed(1)} s per fold`,
  );
  console.log(JSON.stringify(options));
  console.log(
    `macro-F1 per fold ${perFold.map((v) => v.toFixed(4)).join(' ')}: mean ${mean.toFixed(4)} ± ${sd.toFixed(4)} (sd)`,
  );
  console.log(formatReport(classificationReport(truth, predicted)));
} else {
  console.log(
    `train ${train.length} rows (${before - train.length} dropped: same title as a test row), test ${test.length} rows`,
  );
  const started = performance.now();
  const cpu = process.cpuUsage();
  const model = trainClassifier(train.map(toExample), options);
  const trainingSeconds = (performance.now() - started) / 1000;
  const cpuSeconds = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6;
  const json = serializeModel(model);
  if (args.save) writeFileSync(args.save, json);
  console.log(
    `trained in ${trainingSeconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s CPU; ${model.stats.examples} texts, ${model.stats.features} terms, confidence sharpness ${model.sharpness.toFixed(2)}); model ${(Buffer.byteLength(json) / 1e6).toFixed(1)} MB as JSON`,
  );

  const texts = test.map((r) => messageText(r.title, r.body));
  texts.slice(0, 200).forEach((text) => predict(model, text)); // warm up the JIT first
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const predictions = texts.map((text) => predict(model, text));
  const perText = (performance.now() - t0) / Math.max(test.length, 1);
  const cpuPerText = process.cpuUsage(cpu0).user / 1000 / Math.max(test.length, 1);
  console.log(
    `prediction ${perText.toFixed(2)} ms per text on average (${cpuPerText.toFixed(2)} ms CPU)`,
  );
  const results = test.map((r, i) => ({
    correct: predictions[i]!.label === r.category,
    confidence: predictions[i]!.confidence,
  }));
  console.log('confidence threshold → routed automatically, accuracy of those:');
  for (const row of thresholdTable(results, [0.5, 0.7, 0.8, 0.9, 0.95])) {
    console.log(
      `  ${row.threshold.toFixed(2)}  ${(row.automatic * 100).toFixed(1)}%  ${(row.accuracy * 100).toFixed(1)}%`,
    );
  }
  const example = predictions[0];
  if (example) {
    console.log(
      `example: “${test[0]!.title}” → ${example.label} ${example.confidence.toFixed(2)} [${example.evidence.map((e) => e.word).join(' ')}]`,
    );
  }
  console.log(
    formatReport(
      classificationReport(
        test.map((r) => r.category),
        predictions.map((p) => p.label),
      ),
    ),
  );
}
