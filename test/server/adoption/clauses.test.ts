import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  chineseNumeral,
  leafClauses,
  reanchor,
  sentenceSpans,
  splitClauses,
  type Clause,
} from '../../../server/adoption/clauses.ts';

const dataDir = join(
  resolve(dirname(fileURLToPath(import.meta.url)), '../../..'),
  '..',
  'shared',
  'data',
);
const hasData = existsSync(join(dataDir, 'gov_work_report_2024.txt'));
if (!hasData) console.warn(`adoption: ${dataDir} not found, skipping the tests on real documents`);
const readDoc = (name: string) => readFileSync(join(dataDir, name), 'utf8');

const LONG =
  '在农村，利用闲置房屋建设互助幸福院；在城市，发展社区嵌入式养老服务。' +
  '鼓励低龄老人照顾高龄老人，他们说：“互助养老好。我们愿意参与！”政府给予运营补贴。';

const SMALL = [
  '关于加强养老服务的意见',
  '各地区、各部门：',
  '第一部分 总体要求',
  '一、指导思想',
  '坚持以人民为中心。',
  '二、基本原则',
  '（一）政府主导。',
  '（二）多方参与。',
  '1. 发挥村集体作用。',
  '2. 鼓励志愿服务。',
  '',
  '第二部分 主要任务',
  '一、发展互助性养老',
  `  ${LONG}`,
  '1.39万亿斤粮食不是一个编号。',
].join('\n');

const summary = (clauses: Clause[]) => clauses.map((c) => [c.anchor, c.kind, c.path.join('/')]);

describe('splitClauses', () => {
  it('follows the structure of a small document: parts, items, paragraphs, sentences', () => {
    const clauses = splitClauses(SMALL, { sentenceMinLength: 40 });
    expect(summary(clauses)).toEqual([
      ['g1', 'paragraph', ''],
      ['g2', 'paragraph', ''],
      ['p1', 'part', '第一部分'],
      ['p1.p1', 'part', '第一部分/一'],
      ['p1.p1.g1', 'paragraph', '第一部分/一'],
      ['p1.p2', 'part', '第一部分/二'],
      ['p1.p2.i1', 'item', '第一部分/二/（一）'],
      ['p1.p2.i2', 'item', '第一部分/二/（二）'],
      ['p1.p2.i2.i1', 'item', '第一部分/二/（二）/1'],
      ['p1.p2.i2.i2', 'item', '第一部分/二/（二）/2'],
      ['p2', 'part', '第二部分'],
      ['p2.p1', 'part', '第二部分/一'],
      ['p2.p1.g1', 'paragraph', '第二部分/一'],
      ['p2.p1.g1.s1', 'sentence', '第二部分/一'],
      ['p2.p1.g1.s2', 'sentence', '第二部分/一'],
      ['p2.p1.g1.s3', 'sentence', '第二部分/一'],
      ['p2.p1.g1.s4', 'sentence', '第二部分/一'],
      ['p2.p1.g2', 'paragraph', '第二部分/一'],
    ]);
    const byAnchor = new Map(clauses.map((c) => [c.anchor, c]));
    // Sentences end after 。！？； but never inside quotes; the closing quote stays with its sentence.
    expect(clauses.filter((c) => c.kind === 'sentence').map((c) => c.text)).toEqual([
      '在农村，利用闲置房屋建设互助幸福院；',
      '在城市，发展社区嵌入式养老服务。',
      '鼓励低龄老人照顾高龄老人，他们说：“互助养老好。我们愿意参与！”',
      '政府给予运营补贴。',
    ]);
    expect(byAnchor.get('p2.p1.g1.s2')!.parent).toBe('p2.p1.g1');
    expect(byAnchor.get('p1.p2.i2.i1')!.parent).toBe('p1.p2.i2');
    expect(byAnchor.get('p2.p1.g1')!.text).toBe(LONG); // leading white space is not part of it
  });

  it('keeps text, start and end consistent with the document', () => {
    const clauses = splitClauses(SMALL, { sentenceMinLength: 40 });
    for (const c of clauses) expect(SMALL.slice(c.start, c.end)).toBe(c.text);
    expect(new Set(clauses.map((c) => c.anchor)).size).toBe(clauses.length);
  });

  it('does not split paragraphs shorter than the sentence threshold', () => {
    const clauses = splitClauses(SMALL); // default threshold 80; LONG is shorter
    expect(clauses.some((c) => c.kind === 'sentence')).toBe(false);
    expect(leafClauses(clauses)).toHaveLength(clauses.length);
  });

  it('rejoins hard-wrapped lines into paragraphs', () => {
    const para =
      '推进城乡居民基本养老保险制度建设，完善待遇确定和基础养老金标准正常调整机制，做好农村社会救助兜底工作，健全农村留守儿童和妇女、老年人关爱服务体系。';
    const wrap = (s: string) => s.match(/.{1,20}/g)!.join('\n');
    const text = `一、总体要求\n${wrap(para)}\n\n${wrap(para)}\n二、主要任务\n${wrap(para)}`;
    const clauses = splitClauses(text, { sentenceMinLength: 1000 });
    expect(summary(clauses)).toEqual([
      ['p1', 'part', '一'],
      ['p1.g1', 'paragraph', '一'],
      ['p1.g2', 'paragraph', '一'],
      ['p2', 'part', '二'],
      ['p2.g1', 'paragraph', '二'],
    ]);
    expect(clauses[1]!.text.replace(/\n/g, '')).toBe(para);
  });

  it('gives equal content the same hash whatever its numbering or script', () => {
    const a = splitClauses('（三）加强养老服务。');
    const b = splitClauses('（四）加強養老服務。');
    expect(a[0]!.anchor).toBe('i3');
    expect(b[0]!.anchor).toBe('i4');
    expect(a[0]!.hash).toBe(b[0]!.hash);
  });

  it('reads Chinese numerals', () => {
    expect([chineseNumeral('三'), chineseNumeral('十'), chineseNumeral('十二')]).toEqual([
      3, 10, 12,
    ]);
    expect([chineseNumeral('二十三'), chineseNumeral('一百零五'), chineseNumeral('x')]).toEqual([
      23,
      105,
      null,
    ]);
  });

  it('ignores unbalanced quotes when splitting sentences', () => {
    const text = '他说：“第一句。第二句。第三句。';
    expect(sentenceSpans(text).map((s) => text.slice(s.start, s.end))).toEqual([
      '他说：“第一句。',
      '第二句。',
      '第三句。',
    ]);
  });
});

describe('reanchor', () => {
  const base = [
    '一、总则',
    '第一段内容。',
    '第二段内容，讲养老服务。',
    '第三段内容。',
    '二、附则',
    '最后一段。',
  ];

  it('keeps anchors of unchanged clauses and follows an edited one by similarity', () => {
    const before = splitClauses(base.join('\n'));
    const edited = [...base];
    edited[2] = '第二段内容，讲养老服务和托育服务。';
    const after = splitClauses(edited.join('\n'));
    const map = reanchor(before, after);
    for (const c of before) expect(map.get(c.anchor)).toBe(c.anchor);
  });

  it('follows clauses by content when a paragraph is inserted before them', () => {
    const before = splitClauses(base.join('\n'));
    const inserted = [...base];
    inserted.splice(1, 0, '新插入的一段。');
    const after = splitClauses(inserted.join('\n'));
    const map = reanchor(before, after);
    const byAnchor = new Map(after.map((c) => [c.anchor, c]));
    for (const c of before) expect(byAnchor.get(map.get(c.anchor)!)!.text).toBe(c.text);
    expect(map.get('p1.g1')).toBe('p1.g2');
  });

  it('maps a deleted clause to null', () => {
    const before = splitClauses(base.join('\n'));
    const after = splitClauses(base.filter((l) => l !== '第三段内容。').join('\n'));
    const map = reanchor(before, after);
    expect(map.get('p1.g3')).toBeNull();
    expect(map.get('p1.g2')).toBe('p1.g2');
  });
});

describe.skipIf(!hasData)('splitClauses on the real documents', () => {
  it.each([
    ['gov_work_report_2024.txt', 3, 16],
    ['20th_congress_report_2022.txt', 15, 41],
    ['rural_revitalization_opinions_2018.txt', 12, 49],
  ])('%s has %i parts and %i numbered items', (name, parts, items) => {
    const text = readDoc(name);
    const clauses = splitClauses(text);
    expect(clauses.filter((c) => c.kind === 'part')).toHaveLength(parts);
    expect(clauses.filter((c) => c.kind === 'item')).toHaveLength(items);
    for (const c of clauses) expect(text.slice(c.start, c.end)).toBe(c.text);
    expect(new Set(clauses.map((c) => c.anchor)).size).toBe(clauses.length);
  });

  it('finds the numbered tasks of the 2024 report where the document puts them', () => {
    const clauses = splitClauses(readDoc('gov_work_report_2024.txt'));
    const item = clauses.find((c) => c.anchor === 'p3.i10')!;
    expect(item.path).toEqual(['三', '（十）']);
    expect(item.text.startsWith('（十）切实保障和改善民生')).toBe(true);
    const elderly = clauses.find(
      (c) => c.text === '加强城乡社区养老服务网络建设，加大农村养老服务补短板力度。',
    )!;
    expect(elderly.kind).toBe('sentence');
    expect(elderly.anchor).toMatch(/^p3\.i10\.g3\.s\d+$/);
  });

  it.each(['gov_work_report_2024.txt', '20th_congress_report_2022.txt'])(
    '%s: re-import with one paragraph edited keeps every other anchor',
    (name) => {
      const text = readDoc(name);
      const before = splitClauses(text);
      // Edit a paragraph in the middle: change a few words and add a sentence.
      const target = before.filter((c) => c.kind === 'paragraph' && c.text.length > 200)[5]!;
      const changed = target.text
        .replace('加强', '切实加强')
        .replace(/。$/, '。新增一句关于互助性养老的内容。');
      const editedText = text.slice(0, target.start) + changed + text.slice(target.end);
      const after = splitClauses(editedText);
      const inTarget = (c: Clause) => c.anchor === target.anchor || c.parent === target.anchor;
      const untouched = before.filter((c) => !inTarget(c));
      const afterByAnchor = new Map(after.map((c) => [c.anchor, c]));
      for (const c of untouched) {
        expect(afterByAnchor.get(c.anchor)?.hash, c.anchor).toBe(c.hash);
      }
      const map = reanchor(before, after);
      for (const c of untouched) expect(map.get(c.anchor)).toBe(c.anchor);
      expect(map.get(target.anchor)).toBe(target.anchor); // the edited paragraph, by similarity
    },
  );

  it('re-import with a paragraph inserted: reanchor finds every old clause by content', () => {
    const text = readDoc('gov_work_report_2024.txt');
    const before = splitClauses(text);
    const at = before.find((c) => c.anchor === 'p3.i10.g1')!.start;
    const after = splitClauses(`${text.slice(0, at)}新增的一段：加强养老服务。\n${text.slice(at)}`);
    const map = reanchor(before, after);
    const afterByAnchor = new Map(after.map((c) => [c.anchor, c]));
    for (const c of before) expect(afterByAnchor.get(map.get(c.anchor)!)?.text).toBe(c.text);
    expect(map.get('p3.i10.g1')).toBe('p3.i10.g2');
    expect(map.get('p3.i9.g1')).toBe('p3.i9.g1');
  });
});
