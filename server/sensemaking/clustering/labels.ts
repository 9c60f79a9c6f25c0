// Readable names for clusters: class-based TF-IDF (c-TF-IDF, as in BERTopic) over the words of
// each cluster's members.
import { isStopWord, segmenter, segmentPlain } from '../text-pipeline.ts';

/**
 * Parts of speech (jieba's tag set) that never name a topic: pronouns, conjunctions, adverbs,
 * prepositions, particles, numerals, classifiers, time and place words, interjections. Nouns, verbs
 * (拖欠, 供暖), adjectives, idioms, abbreviations and unknown words stay.
 */
const FUNCTION_TAGS = /^(r|c|d|p|u|m|q|t|f|y|e|o|h|k|zg|mq|tg|dg|ud|uj|ul|uv|uz|ug)/;

const labelWordCache = new Map<string, boolean>();

/**
 * A label word must read as a word: two or more characters, not a number or a stop word, and not a
 * function word by its part of speech (知道 stays a candidate, 你们 and 已经 do not).
 */
export function isLabelWord(term: string): boolean {
  let ok = labelWordCache.get(term);
  if (ok === undefined) {
    ok =
      !isStopWord(term) &&
      [...term].length >= 2 &&
      !/^[\p{N}.,%-]+$/u.test(term) &&
      segmenter()
        .tag(term, true)
        .every((w) => !FUNCTION_TAGS.test(w.tag));
    labelWordCache.set(term, ok);
  }
  return ok;
}

/**
 * For each cluster, its most distinctive words: W(t, c) = tf(t, c) · log(1 + A / f(t)), where
 * tf(t, c) is the number of the cluster's documents containing t, f(t) the number of documents
 * containing t in all clusters, and A the average number of word occurrences per cluster. Words
 * come from reading-mode segmentation (segmentPlain), so compounds stay whole (市政府, not 市政). A
 * word must occur in at least two of the cluster's documents (one document is not a topic), unless
 * the cluster is that small. Overlapping words are not repeated (see below).
 *
 * `clusters[c]` holds the texts of cluster c's members — in practice its most typical ones.
 * `segmentAll` is `segmentPlain` over a list of texts (by default on this thread).
 */
export function ctfidfLabels(
  clusters: readonly (readonly string[])[],
  size = 4,
  segmentAll: (texts: readonly string[]) => string[][] = (texts) => texts.map(segmentPlain),
): string[][] {
  // All texts segmented at once: the caller may spread that over threads.
  const segmented = segmentAll(clusters.flat());
  let next = 0;
  const total = new Map<string, number>();
  const perCluster = clusters.map((texts) => {
    const tf = new Map<string, number>();
    for (let t = 0; t < texts.length; t++) {
      for (const word of new Set(segmented[next++])) {
        tf.set(word, (tf.get(word) ?? 0) + 1);
        total.set(word, (total.get(word) ?? 0) + 1);
      }
    }
    return tf;
  });
  let words = 0;
  for (const x of total.values()) words += x;
  const average = words / Math.max(1, clusters.length);
  // Words in a large share of the whole campaign's documents (十五五, 建设, 加强 in a plan
  // consultation) say what the campaign is about, not what sets one topic apart from the others.
  const documents = clusters.reduce((n, texts) => n + texts.length, 0);
  const campaignWide = (word: string) =>
    clusters.length >= 3 && documents >= 10 && total.get(word)! / documents > 0.4;
  return perCluster.map((tf, c) => {
    const minDocs = clusters[c]!.length >= 4 ? 2 : 1;
    const scored = [...tf]
      .filter(([, f]) => f >= minDocs)
      .map(([word, f]) => ({ word, f, w: f * Math.log(1 + average / total.get(word)!) }))
      .sort((a, b) => b.w - a.w || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
    const label: string[] = [];
    const docsWith = new Map<string, number>();
    for (const { word, f } of scored) {
      if (!isLabelWord(word) || campaignWide(word)) continue;
      if (label.some((w) => w.includes(word))) continue; // a part of a chosen word adds nothing
      // A compound found in most of the documents its part is found in says the same, more
      // precisely (农民工 rather than 农民): it replaces the part. Otherwise the part is broader.
      const part = label.findIndex((w) => word.includes(w));
      if (part >= 0) {
        const parts = label.filter((w) => word.includes(w));
        if (parts.every((w) => f >= 0.8 * docsWith.get(w)!)) {
          label[part] = word; // in the place of its first part; the other parts go
          for (let i = label.length - 1; i > part; i--) {
            if (word.includes(label[i]!)) label.splice(i, 1);
          }
          docsWith.set(word, f);
        }
        continue;
      }
      label.push(word);
      docsWith.set(word, f);
      if (label.length >= size) break;
    }
    return label;
  });
}
