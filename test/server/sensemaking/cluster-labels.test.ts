import { describe, expect, it } from 'vitest';
import { ctfidfLabels } from '../../../server/sensemaking/clustering/labels.ts';

// A five-year-plan consultation: every suggestion says 十五五 and 建设; the topics differ.
const clusters = [
  [
    '十五五时期加强高标准农田建设管护',
    '十五五建设高标准农田要有人管护',
    '高标准农田建设后管护资金不足十五五要解决',
    '十五五期间高标准农田灌溉设施建设',
  ],
  [
    '十五五加强县城医院建设，医疗资源下沉县城',
    '十五五建设县城医疗中心',
    '县城医院建设要在十五五加快，医疗人才下沉',
  ],
  [
    '十五五加强乡村医生队伍建设，提高乡村医生待遇',
    '乡村医生待遇低，十五五建设要稳定队伍',
    '十五五时期乡村医生养老保障建设',
  ],
];

describe('cluster labels (c-TF-IDF)', () => {
  it('names topics by what sets them apart, not by words the whole campaign uses', () => {
    const labels = ctfidfLabels(clusters);
    for (const label of labels) {
      expect(label).not.toContain('十五五');
      expect(label).not.toContain('建设');
    }
    expect(labels[0]!.join(' ')).toContain('高标准农田');
    expect(labels[1]!.join(' ')).toContain('县城');
    expect(labels[2]!.join(' ')).toMatch(/乡村.*医生|医生.*乡村|乡村医生/);
  });
});
