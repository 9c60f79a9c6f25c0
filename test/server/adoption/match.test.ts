import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { splitClauses } from '../../../server/adoption/clauses.ts';
import { matchCandidates } from '../../../server/adoption/match.ts';
import { fold, sharedPhrases } from '../../../server/adoption/phrases.ts';
import { termCounts } from '../../../server/adoption/terms.ts';

const dataDir = join(
  resolve(dirname(fileURLToPath(import.meta.url)), '../../..'),
  '..',
  'shared',
  'data',
);
const report2024 = join(dataDir, 'gov_work_report_2024.txt');
const hasData = existsSync(report2024);
if (!hasData)
  console.warn(`adoption: ${report2024} not found, skipping the tests on the 2024 report`);

/** A village cadre's suggestion as the seed article tells it, in Traditional script on purpose. */
const MUTUAL_AID = {
  id: 'mutual-aid',
  text:
    '關於發展農村互助性養老的建議\n我國逐步進入老齡化社會，留守老人與農村養老問題亟待解決。' +
    '建議推廣互助性養老，利用村裡閒置房屋辦互助幸福院，讓低齡老人照顧高齡老人，政府給予運營補貼，' +
    '把農村養老服務的短板補起來。',
};

describe('matching on a hand-made document', () => {
  const DOC = [
    '一、民生',
    '（一）养老。推动养老事业和养老产业协同发展，健全基本养老服务体系，发展普惠型养老服务和互助性养老。',
    '（二）住房。加大保障性住房建设和供给，满足居民刚性住房需求。',
    '（三）就业。保障农民工工资支付，坚决纠正就业歧视。',
    '二、环境',
    '（一）大气。深入实施空气质量持续改善行动计划。',
  ].join('\n');
  const clauses = splitClauses(DOC);
  const suggestions = [
    MUTUAL_AID,
    { id: 'rent', text: '关于申请公租房的咨询：我们一直租房住，想申请公租房。' },
    { id: 'wages', text: '包工头拖欠农民工工资两年不给，请帮我们讨回血汗钱' },
    { id: 'noise', text: '小区门口的烧烤店油烟很大' },
  ];
  const result = matchCandidates(clauses, suggestions);

  it('ranks the clause that answers each suggestion first', () => {
    expect(result.bySuggestion.get('mutual-aid')![0]!.anchor).toBe('p1.i1');
    expect(result.bySuggestion.get('rent')![0]!.anchor).toBe('p1.i2');
    expect(result.bySuggestion.get('wages')![0]!.anchor).toBe('p1.i3');
  });

  it('ranks suggestions for a clause, with scores between 0 and 1, best first', () => {
    const forElderly = result.byClause.get('p1.i1')!;
    expect(forElderly[0]!.id).toBe('mutual-aid');
    for (const list of [...result.byClause.values(), ...result.bySuggestion.values()]) {
      const scores = list.map((c) => c.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      for (const s of scores) expect(s > 0 && s <= 1).toBe(true);
    }
  });

  it('returns the shared key term with its offsets in both texts, across scripts', () => {
    const clause = clauses.find((c) => c.anchor === 'p1.i1')!;
    const top = result.bySuggestion.get('mutual-aid')![0]!;
    const phrase = top.phrases.find((p) => p.phrase.includes('互助性养老'));
    expect(phrase, JSON.stringify(top.phrases)).toBeDefined();
    const inClause = phrase!.inClause.map((s) => clause.text.slice(s.start, s.end));
    const inSuggestion = phrase!.inSuggestion.map((s) => MUTUAL_AID.text.slice(s.start, s.end));
    expect(inClause).toContain('互助性养老');
    // The suggestion is highlighted on the characters the citizen wrote.
    expect(inSuggestion).toEqual(['互助性養老', '互助性養老']);
    // Document offsets are clause offsets plus clause.start.
    const first = phrase!.inClause[0]!;
    expect(DOC.slice(clause.start + first.start, clause.start + first.end)).toBe('互助性养老');
  });

  it('links words citizens use to policy terms and says through which word', () => {
    const top = result.bySuggestion.get('rent')![0]!;
    const related = top.phrases.find((p) => p.phrase === '保障性住房');
    expect(related?.via).toBe('公租房');
    const suggestion = suggestions[1]!.text;
    expect(related!.inSuggestion.map((s) => suggestion.slice(s.start, s.end))).toEqual([
      '公租房',
      '公租房',
    ]);
    // Without the thesaurus the pair shares no word and no candidate is proposed from it.
    const plain = matchCandidates(clauses, suggestions, { thesaurus: false });
    expect(plain.bySuggestion.get('rent')!.map((c) => c.anchor)).not.toContain('p1.i2');
  });

  it('proposes nothing for a suggestion that shares no word with the document', () => {
    expect(result.bySuggestion.get('noise')).toEqual([]);
  });

  it('keeps the requested number of candidates', () => {
    const few = matchCandidates(clauses, suggestions, {
      clausesPerSuggestion: 1,
      suggestionsPerClause: 1,
      phrases: false,
    });
    for (const list of few.bySuggestion.values()) expect(list.length).toBeLessThanOrEqual(1);
    for (const list of few.byClause.values()) expect(list.length).toBeLessThanOrEqual(1);
    expect(few.bySuggestion.get('mutual-aid')![0]!.phrases).toEqual([]);
  });
});

describe('sharedPhrases', () => {
  it('finds maximal shared phrases on word boundaries, without punctuation', () => {
    const clause = '城乡居民基础养老金月最低标准提高20元，继续提高退休人员基本养老金。';
    const suggestion = '企退职工养老金太低了，请继续提高退休人员的养老金！';
    const phrases = sharedPhrases(fold(clause), fold(suggestion, { segment: false }));
    expect(phrases.map((p) => p.phrase)).toEqual(['继续提高退休人员', '养老金']);
    const pension = phrases[1]!;
    expect(pension.inClause.map((s) => clause.slice(s.start, s.end))).toEqual(['养老金', '养老金']);
    expect(pension.inSuggestion.map((s) => suggestion.slice(s.start, s.end))).toEqual([
      '养老金',
      '养老金',
    ]);
  });
});

describe('termCounts', () => {
  it('counts whole words fully, their parts less, and drops numbers and stop words', () => {
    const { counts } = termCounts('2019年事业单位招聘的年龄限制');
    expect(counts.get('事业单位')).toBe(1);
    expect(counts.get('单位')).toBe(0.5); // a search-mode part of 事业单位
    expect(counts.get('年龄限制')).toBe(1);
    expect(counts.has('2019')).toBe(false);
    expect(counts.has('的')).toBe(false);
    expect(counts.has('事业单位|招聘')).toBe(true); // neighbouring words as a phrase term
  });
});

describe.skipIf(!hasData)('matching on the 2024 government work report', () => {
  // The describe body runs even when skipped: read the file only when it is there.
  const clauses = hasData ? splitClauses(readFileSync(report2024, 'utf8')) : [];
  const byAnchor = new Map(clauses.map((c) => [c.anchor, c]));

  it('ranks the elderly-care clause in the top 3 for a 互助性养老 suggestion', () => {
    const others = [
      { id: 'parking', text: '小区停车难，建议增加停车位，规范乱停乱放' },
      { id: 'school', text: '孩子上小学学位紧张，希望多建学校' },
    ];
    const result = matchCandidates(clauses, [MUTUAL_AID, ...others]);
    const top3 = result.bySuggestion.get('mutual-aid')!.slice(0, 3);
    const texts = top3.map((c) => byAnchor.get(c.anchor)!.text);
    expect(texts, texts.join('\n')).toContain(
      '加强城乡社区养老服务网络建设，加大农村养老服务补短板力度。',
    );
    const hit = top3.find((c) => byAnchor.get(c.anchor)!.text.includes('农村养老服务'))!;
    expect(hit.phrases.some((p) => p.phrase.includes('养老服务'))).toBe(true);
  });

  it('ranks the elderly-care clause in the top 3 even without the thesaurus', () => {
    const result = matchCandidates(clauses, [MUTUAL_AID], { thesaurus: false, phrases: false });
    const top3 = result.bySuggestion.get('mutual-aid')!.slice(0, 3);
    expect(top3.map((c) => byAnchor.get(c.anchor)!.text)).toContain(
      '加强城乡社区养老服务网络建设，加大农村养老服务补短板力度。',
    );
  });
});
