import { describe, expect, it } from 'vitest';
import {
  FEATURES,
  SHIPPED_MODEL,
  predict,
  replyFeatures,
  rocAuc,
  scoreReply,
  trainLogistic,
} from '../../../server/sensemaking/reply-quality/index.ts';

const question =
  'A3区潇楚南路洋湖段道路施工一年还没修好，什么时候能通车？\n' +
  '潇楚南路从2018年开始修，路挖得稀烂，对交通和店面生意影响很大，请有关部门督促施工单位加快进度。';

const detailedReply =
  '网友您好！经核实，潇楚南路洋湖段道路工程因管线迁改和连续降雨进度滞后。区住建局已约谈施工单位，' +
  '责令其增加机械和人员，目前已完成排水管道施工，预计2019年8月31日前完工通车。施工期间交警部门已' +
  '在路口设置绕行指示。如有疑问请联系区住建局工程科，电话0731-88888888。';

// as long and as concrete as detailedReply, but about another matter
const offTopicReply =
  '网友您好！经核实，东湖小区垃圾站因设备老化导致异味扰民。区城管局已约谈环卫公司，责令其更换' +
  '压缩设备，目前已完成除臭设施安装，预计2019年8月31日前完成全面整改，整改期间每日清运两次。' +
  '如有疑问请联系区城管局环卫科，电话0731-88888888。';

const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);

describe('scoreReply', () => {
  it('scores a one-line referral to "the relevant department" as perfunctory, saying why', () => {
    const { score, reasons } = scoreReply({ question, reply: '该问题请咨询市政府有关部门。' });
    expect(score).toBeGreaterThan(0.8);
    expect(codes(reasons)).toEqual(expect.arrayContaining(['boilerplate', 'too-short']));
    const boilerplate = reasons.find((r) => r.code === 'boilerplate')!;
    expect(boilerplate.detail).toContain('请咨询市政府有关部门');
    expect(boilerplate.weight).toBeGreaterThan(0);
  });

  it('scores "forwarded to the district" and a bare thank-you as perfunctory', () => {
    for (const reply of [
      '网友：您好！您反映的问题已转A3区调查核处。2019年5月1日',
      '感谢您的关注！',
    ]) {
      const { score, reasons } = scoreReply({ question, reply });
      expect(score, reply).toBeGreaterThan(0.8);
      expect(codes(reasons), reply).toContain('boilerplate');
    }
  });

  it('scores a detailed reply with an action, a date and an office as substantive', () => {
    const { score, reasons } = scoreReply({ question, reply: detailedReply });
    expect(score).toBeLessThan(0.2);
    for (const code of ['no-commitment', 'no-date', 'no-office', 'unanswered']) {
      expect(codes(reasons)).not.toContain(code);
    }
  });

  it('scores a long reply that ignores the question higher than one that takes it up', () => {
    const onTopic = scoreReply({ question, reply: detailedReply });
    const offTopic = scoreReply({ question, reply: offTopicReply });
    expect(offTopic.score).toBeGreaterThan(onTopic.score);
    const overlap = (r: typeof onTopic) =>
      r.reasons.find((x) => x.code === 'low-overlap')?.weight ?? 0;
    expect(overlap(offTopic)).toBeGreaterThan(overlap(onTopic));
  });

  it('notices a "when?" question left without a date', () => {
    const vague =
      '网友您好！该路段的施工单位正在加紧施工，我们将督促施工单位加快进度，尽量减少对交通的影响。';
    const dated = vague.replace('尽量减少', '预计8月底完工，尽量减少');
    expect(replyFeatures(question, vague).details.unanswered).toContain('何时');
    expect(scoreReply({ question, reply: dated }).score).toBeLessThan(
      scoreReply({ question, reply: vague }).score,
    );
  });

  it('lists reasons heaviest first and keeps every feature in [0, 1]', () => {
    const { reasons } = scoreReply({ question, reply: '已收悉' });
    const weights = reasons.map((r) => r.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    for (const v of replyFeatures(question, offTopicReply).values) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });

  it('ships one non-negative weight per feature', () => {
    expect(SHIPPED_MODEL.weights).toHaveLength(FEATURES.length);
    for (const w of SHIPPED_MODEL.weights) expect(w).toBeGreaterThanOrEqual(0);
  });
});

describe('rocAuc', () => {
  it('matches a hand-computed example', () => {
    // positives 0.35 and 0.8, negatives 0.1 and 0.4: of the 4 pairs, 0.35 < 0.4 is the one
    // ranked wrong, so AUC = 3/4
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 10);
  });

  it('counts a tie between a positive and a negative as half', () => {
    // pairs: (0.5 vs 0.5) = ½, (0.5 vs 0.2) = 1, (0.9 vs 0.5) = 1, (0.9 vs 0.2) = 1 → 3.5 / 4
    expect(rocAuc([0.5, 0.5, 0.2, 0.9], [1, 0, 0, 1])).toBeCloseTo(0.875, 10);
  });

  it('is 1 for a perfect ranking, 0 for an inverted one and NaN without both classes', () => {
    expect(rocAuc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([1, 2], [1, 1])).toBeNaN();
  });
});

describe('trainLogistic', () => {
  it('puts weight on the feature that separates the classes and none on noise', () => {
    const xs: number[][] = [];
    const ys: (0 | 1)[] = [];
    for (let i = 0; i < 200; i++) {
      const y = i % 4 === 0 ? 1 : 0; // imbalanced, like perfunctory replies
      const noise = ((i * 37) % 10) / 10;
      xs.push([y ? 0.8 + (i % 3) / 10 : (i % 5) / 10, noise]);
      ys.push(y);
    }
    const model = trainLogistic(xs, ys);
    expect(model.weights[0]).toBeGreaterThan(3);
    expect(model.weights[1]).toBeLessThan(0.5);
    expect(
      rocAuc(
        xs.map((x) => predict(model, x)),
        ys,
      ),
    ).toBe(1);
  });

  it('keeps weights non-negative when a feature points the other way', () => {
    const xs = [[1], [1], [0], [0]];
    const model = trainLogistic(xs, [0, 0, 1, 1]);
    expect(model.weights[0]).toBe(0);
    const free = trainLogistic(xs, [0, 0, 1, 1], { nonNegative: false });
    expect(free.weights[0]).toBeLessThan(0);
  });
});
