import { describe, expect, it } from 'vitest';
import {
  deserializeModel,
  predict,
  serializeModel,
  trainClassifier,
  type TrainingExample,
} from '../../../server/sensemaking/classifier/model.ts';
import {
  LabeledCsvError,
  labeledRowsToExamples,
  parseLabeledCsv,
} from '../../../server/sensemaking/classifier/labeled-csv.ts';
import {
  proposeTopic,
  trainingExamplesWithCorrections,
} from '../../../server/sensemaking/classifier/routing.ts';
import {
  classificationReport,
  stratifiedSplit,
} from '../../../server/sensemaking/classifier/evaluate.ts';

const labour = [
  '公司拖欠工资半年，工人讨薪无门',
  '工地老板拖欠农民工工资不发',
  '单位不给缴纳社保，拖欠工资',
  '工资被拖欠，劳动监察大队不管',
  '辞职后公司不结算工资，要求支付欠薪',
  '养老保险断缴，退休工资怎么算',
  '劳动合同到期公司不续签也不给补偿',
  '工伤认定后单位拒绝支付工资',
];
const environment = [
  '化工厂向河里排放污水，鱼都死了',
  '养殖场污水直排，臭味熏天',
  '企业夜间偷排废气，空气污染严重',
  '造纸厂排放的污水污染了水源',
  '工厂排放黑烟，附近居民无法开窗',
  '小区旁边的污水处理厂排放超标',
  '河道被工业污水污染发黑发臭',
  '砖厂排放粉尘，庄稼受污染',
];
const education = [
  '学校乱收补课费，学生负担太重',
  '孩子上学难，附近小学学位不足',
  '教师工资待遇低，老师流失严重',
  '幼儿园收费太高，家长负担不起',
  '中学强制学生在校外培训机构补课',
  '学生放学后没人接送，学校不管',
  '农村小学撤并，孩子上学路太远',
  '高中招生不公平，学生家长有意见',
];
const examples: TrainingExample[] = [
  ...labour.map((text) => ({ text, label: 'labour' })),
  ...environment.map((text) => ({ text, label: 'environment' })),
  ...education.map((text) => ({ text, label: 'education' })),
];
const model = trainClassifier(examples);

describe('routing classifier', () => {
  it('predicts the topic of sentences it has not seen, in either script', () => {
    expect(predict(model, '我们在工地干了一年，老板一直拖欠工资').label).toBe('labour');
    expect(predict(model, '村边的工厂每天晚上排放污水').label).toBe('environment');
    expect(predict(model, '學校強制學生補課，家長負擔很重').label).toBe('education');
    expect(predict(model, '老闆拖欠工資三個月不發').label).toBe('labour');
    expect(predict(model, '工廠排放汙水，河裡的魚都死了').label).toBe('environment');
  });

  it('is more confident about a clear text than an ambiguous one', () => {
    const clear = predict(model, '公司拖欠工资，工人讨薪，要求支付欠薪');
    const ambiguous = predict(model, '您好，我想反映一个情况，希望领导重视');
    expect(clear.label).toBe('labour');
    expect(clear.confidence).toBeGreaterThan(ambiguous.confidence);
    expect(clear.confidence).toBeGreaterThan(0.9);
    expect(ambiguous.confidence).toBeLessThan(0.8);
    const total = clear.ranking.reduce((s, r) => s + r.probability, 0);
    expect(total).toBeCloseTo(1, 6);
    expect(clear.ranking.map((r) => r.label).sort()).toEqual([
      'education',
      'environment',
      'labour',
    ]);
  });

  it('names the words that drove the prediction', () => {
    const p = predict(model, '开发商拖欠工资，我们去讨薪');
    const words = p.evidence.map((e) => e.word);
    expect(words[0]).toContain('工资');
    expect(words).toContain('讨薪');
    expect(words).not.toContain('开发商'); // present in the text but not a labour word here
    for (const e of p.evidence) expect(e.weight).toBeGreaterThan(0);
    const env = predict(model, '工厂排放的污水流进了村里');
    expect(
      env.evidence.map((e) => e.word).some((w) => w.includes('污水') || w.includes('排放')),
    ).toBe(true);
  });

  it('predicts exactly the same after saving and loading', () => {
    const json = serializeModel(model);
    const loaded = deserializeModel(json);
    for (const text of ['工地拖欠工资', '化工廠偷排汙水', '孩子上学难', '请问领导', '']) {
      expect(predict(loaded, text)).toEqual(predict(model, text));
    }
    expect(() => deserializeModel(json.replace('"version":1', '"version":9'))).toThrow();
  });

  it('routes automatically only at or above the campaign threshold', () => {
    const clear = proposeTopic(model, { title: '拖欠工资', body: '老板拖欠工资半年不发' }, 0.5);
    expect(clear).toMatchObject({ topic: 'labour', automatic: true });
    const strict = proposeTopic(model, { title: '拖欠工资', body: '老板拖欠工资半年不发' }, 0.9999);
    expect(strict.automatic).toBe(strict.confidence >= 0.9999);
    expect(strict.alternatives).toHaveLength(2);
    const vague = proposeTopic(model, { title: '反映情况', body: '希望领导重视' }, 0.9);
    expect(vague.automatic).toBe(false);
  });

  it('learns from a reviewer correction at the next retraining', () => {
    const text = '小区门口烧烤摊油烟太大';
    const history: TrainingExample[] = [...examples, { text, label: 'education' }];
    const merged = trainingExamplesWithCorrections(history, [
      { submissionId: 's1', title: text, topic: 'labour', correctedAt: '2026-01-01T00:00:00Z' },
      {
        submissionId: 's1',
        title: text,
        topic: 'environment',
        correctedAt: '2026-01-02T00:00:00Z',
      },
    ]);
    expect(merged.filter((e) => e.text === text)).toEqual([
      { text, label: 'environment', weight: 2 },
    ]);
    expect(predict(trainClassifier(history), text).label).toBe('education');
    expect(predict(trainClassifier(merged), text).label).toBe('environment');
  });

  it('is deterministic for the same data and seed', () => {
    expect(serializeModel(trainClassifier(examples)).replace(/"stats":.*$/, '')).toBe(
      serializeModel(model).replace(/"stats":.*$/, ''),
    );
  });
});

describe('labelled history CSV', () => {
  it('reads a file with a BOM, CRLF line ends and new lines inside quotes', () => {
    const csv =
      '\uFEFFid,title,body,category\r\n1,拖欠工资,"老板不发工资\r\n第二行",劳动和社会保障\r\n\r\n2,污水直排,,环境保护\r\n';
    expect(parseLabeledCsv(csv)).toEqual([
      { title: '拖欠工资', body: '老板不发工资\n第二行', category: '劳动和社会保障' },
      { title: '污水直排', body: '', category: '环境保护' },
    ]);
    expect(parseLabeledCsv('Title,Category\nA,b\n')).toEqual([
      { title: 'A', body: '', category: 'b' },
    ]);
  });

  it('names the header line when a column is missing', () => {
    expect(() => parseLabeledCsv('title,body\n拖欠工资,老板不发工资\n')).toThrow(
      /line 1: missing column 'category'/,
    );
  });

  it('names the line of a row with a missing value or too many fields', () => {
    const csv =
      'title,body,category\n拖欠工资,"两行\n正文",劳动\n污水直排,正文\n噪音,正文,环境,多余\n';
    let error: unknown;
    try {
      parseLabeledCsv(csv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LabeledCsvError);
    expect((error as LabeledCsvError).problems.map((p) => p.line)).toEqual([4, 5]);
    expect((error as Error).message).toMatch(/line 4: missing 'category'/);
    expect((error as Error).message).toMatch(/line 5: 4 fields/);
  });

  it('maps categories to campaign topics by key or title', () => {
    const topics = [
      { key: 'environment', title: { 'zh-CN': '环境保护', en: 'Environmental protection' } },
      { key: 'transport', title: { 'zh-CN': '交通运输' } },
    ];
    const { examples: mapped, unknown } = labeledRowsToExamples(
      [
        { title: '污水', body: '直排', category: '环境保护' },
        { title: '堵车', body: '', category: 'transport' },
        { title: '彩票', body: '', category: '体育' },
      ],
      topics,
    );
    expect(mapped).toEqual([
      { text: '污水\n直排', label: 'environment' },
      { text: '堵车', label: 'transport' },
    ]);
    expect(unknown).toEqual([{ category: '体育', rows: 1 }]);
  });
});

describe('evaluation helpers', () => {
  it('computes per-label scores and macro-F1', () => {
    const r = classificationReport(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(r.accuracy).toBe(0.75);
    expect(r.perLabel[0]).toMatchObject({ label: 'a', precision: 1, recall: 0.5, support: 2 });
    expect(r.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 10);
  });

  it('holds out a share of every label', () => {
    const labels = [...Array(10).fill('a'), ...Array(5).fill('b')] as string[];
    const { train, test } = stratifiedSplit(labels, 0.2, 1);
    expect(test.map((i) => labels[i]).sort()).toEqual(['a', 'a', 'b']);
    expect([...train, ...test].sort((x, y) => x - y)).toEqual(labels.map((_, i) => i));
  });
});
