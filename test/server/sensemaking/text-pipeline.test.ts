import { describe, expect, it } from 'vitest';
import {
  normalizeText,
  segmentPlain,
  segmentWords,
} from '../../../server/sensemaking/text-pipeline.ts';

describe('text pipeline', () => {
  it('folds Traditional script and full-width forms for analysis', () => {
    expect(normalizeText('人民網“領導留言板”　辦得快，ＡＢＣ１２３')).toBe(
      '人民网“领导留言板” 办得快,abc123',
    );
  });

  it('segments with the policy dictionary and finds sub-words of long words', () => {
    const words = segmentWords('学位严重不足，建议发展互助性养老，写进十五五规划');
    expect(words).toEqual(expect.arrayContaining(['学位', '不足', '互助性养老', '十五五', '规划']));
    expect(words).not.toContain('建议'); // a stop word
    expect(words).not.toContain('，');
  });

  it('segments Traditional text the same as Simplified', () => {
    expect(segmentPlain('醫療保險繳不上費')).toEqual(segmentPlain('医疗保险缴不上费'));
  });
});
