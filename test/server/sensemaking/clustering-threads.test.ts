import { describe, expect, it } from 'vitest';
import {
  embedDocuments,
  learnTermSpace,
} from '../../../server/sensemaking/clustering/embedding.ts';
import {
  embedInParallel,
  learnTermSpaceInParallel,
} from '../../../server/sensemaking/clustering/parallel-embedding.ts';
import {
  buildCorpusInParallel,
  segmentPlainInParallel,
} from '../../../server/sensemaking/clustering/parallel-features.ts';
import { segmentPlain } from '../../../server/sensemaking/text-pipeline.ts';
import {
  allSentences,
  buildCorpusFromTexts,
  sentencesOf,
  tokenizeSentences,
} from '../../../server/sensemaking/clustering/vectorize.ts';

const texts = [
  '小区冬季供暖温度不达标。暖气片一直不热！',
  '工地老板拖欠农民工工资半年未发；劳动监察不管',
  '學位嚴重不足，孩子入學困難',
  '希望增加公办小学学位？解决孩子入学难',
  '暖气不热，供暖公司却照常收取供暖费',
  '建筑公司拖欠工资，农民工讨薪无门。',
];

describe('features on two threads', () => {
  it('give exactly the one-thread corpus', () => {
    const many = Array.from({ length: 60 }, (_, i) => `${texts[i % texts.length]}${i % 7}号楼`);
    const one = buildCorpusFromTexts(many, { minDf: 1 });
    // chunks of 7: many chunks for each thread, the last one short
    const two = buildCorpusInParallel(many, { minDf: 1 }, undefined, 2, 7);
    expect(two.vocab.terms).toEqual(one.vocab.terms);
    expect(Array.from(two.vocab.idf)).toEqual(Array.from(one.vocab.idf));
    expect(Array.from(two.x.indices)).toEqual(Array.from(one.x.indices));
    expect(Array.from(two.x.values)).toEqual(Array.from(one.x.values));
    expect(Array.from(two.sentences.ids)).toEqual(Array.from(one.sentences.ids));
    expect(Array.from(two.sentences.start)).toEqual(Array.from(one.sentences.start));
    expect(Array.from(two.sentences.first)).toEqual(Array.from(one.sentences.first));
  }, 60_000);
});

describe('document vectors on two threads', () => {
  it('are exactly the one-thread vectors', () => {
    const many = Array.from({ length: 80 }, (_, i) => `${texts[i % texts.length]}${i % 5}号楼`);
    const corpus = buildCorpusFromTexts(many, { minDf: 1 });
    const space = learnTermSpace(corpus.x, allSentences(corpus.sentences), { dims: 8, lsaDims: 8 });
    const one = embedDocuments(corpus.x, space);
    const two = embedInParallel(corpus.x, space, 2);
    expect(Array.from(two)).toEqual(Array.from(one));
  }, 60_000);
});

describe('term space on two threads', () => {
  it('is exactly the one-thread term space', () => {
    const many = Array.from({ length: 80 }, (_, i) => `${texts[i % texts.length]}${i % 5}号楼`);
    const corpus = buildCorpusFromTexts(many, { minDf: 1 });
    const contexts = allSentences(corpus.sentences);
    const options = { dims: 8, lsaDims: 8 };
    const one = learnTermSpace(corpus.x, contexts, options);
    const two = learnTermSpaceInParallel(corpus.x, contexts, options, 1);
    expect(Array.from(two.vectors)).toEqual(Array.from(one.vectors));
    expect([two.lsaDims, two.ppmiDims]).toEqual([one.lsaDims, one.ppmiDims]);
  }, 60_000);
});

describe('label words on two threads', () => {
  it('are exactly the one-thread words', () => {
    const many = Array.from({ length: 20 }, (_, i) => `${texts[i % texts.length]}${i}`);
    expect(segmentPlainInParallel(many, 2, 3)).toEqual(many.map((t) => segmentPlain(t)));
  }, 60_000);
});

describe('packed sentences', () => {
  it('hold each sentence’s distinct known terms, document by document', () => {
    const corpus = buildCorpusFromTexts(texts, { minDf: 1 });
    const expected = texts.map((text) =>
      tokenizeSentences(text)
        .map((s) => [...new Set(s.map((t) => corpus.vocab.index.get(t)!))])
        .filter((s) => s.length > 0),
    );
    const docs = texts.map((_, i) => i);
    expect(docs.map((i) => sentencesOf(corpus.sentences, [i]).map((s) => Array.from(s)))).toEqual(
      expected,
    );
    expect(sentencesOf(corpus.sentences, [1, 3], 3).map((s) => Array.from(s))).toEqual(
      [...expected[1]!, ...expected[3]!].filter((s) => s.length >= 3),
    );
  });
});
