import { describe, expect, it } from 'vitest';
import * as OpenCC from 'opencc-js';
import { NearDuplicateIndex, coreText, jaccard } from '../../../server/sensemaking/dedup/index.ts';

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'hk' });

const LETTER =
  '我是A市A3区金麓小区的业主，小区门口的道路长期积水，下雨天根本无法通行，老人和孩子出行非常危险，' +
  '多次向物业和社区反映都没有结果，希望有关部门尽快派人查看并修复排水管网。';
const OTHER =
  '我是A5区劳动东路魅力之城小区的居民，小区旁边的餐馆每天晚上油烟直排，噪音扰民到凌晨两点，' +
  '投诉了半年也没有人管，请环保和城管部门依法处理。';
const THIRD =
  'A7县星沙街道的旧城改造今年就要全部完工了，偏偏留下四区凉塘路没有改造，路面坑洼，' +
  '下水道经常堵塞，请问凉塘路什么时候纳入改造计划？';
const BOILERPLATE = '尊敬的领导：您好！我是一名普通市民，';
const CLOSE = '恳请领导百忙之中给予关注，谢谢！';

/** Changes characters at the given positions (each to a character of another position). */
function edit(text: string, positions: number[]): string {
  const chars = [...text];
  for (const p of positions)
    chars[p] =
      chars[(p * 7 + 3) % chars.length] === chars[p]
        ? '某'
        : (chars[(p * 7 + 3) % chars.length] ?? '某');
  return chars.join('');
}

/** Plain 3-gram Jaccard on the core texts, with strings instead of 16-bit hashes. */
function plainJaccard(a: string, b: string): number {
  const grams = (s: string) => {
    const cps = [...coreText(s)];
    return new Set(cps.slice(0, -2).map((_, i) => cps.slice(i, i + 3).join('')));
  };
  const ga = grams(a);
  const gb = grams(b);
  let inter = 0;
  for (const g of ga) if (gb.has(g)) inter++;
  return inter / (ga.size + gb.size - inter);
}

describe('near-duplicate index', () => {
  it('groups identical texts, texts a few characters apart and Traditional copies', () => {
    const ix = new NearDuplicateIndex();
    ix.add('a', LETTER);
    ix.add('b', LETTER);
    ix.add('c', edit(LETTER, [10, 40]));
    ix.add('d', toTraditional(LETTER));
    ix.add('e', '尊敬的胡书记：' + LETTER.replace('下雨天', '雨天'));
    ix.add('x', OTHER);
    expect(ix.groupMembers('a')).toEqual(['a', 'b', 'c', 'd', 'e']);
    for (const id of ['b', 'c', 'd', 'e']) expect(ix.groupOf(id)).toBe('a');
    expect(ix.groupSize('a')).toBe(5);
    expect(ix.groupOf('x')).toBe('x');
    expect(ix.groupSize('x')).toBe(1);
    expect(ix.candidates(edit(LETTER, [7]))).toContain('a');
  });

  it('keeps different messages that share a boilerplate opening and closing apart', () => {
    const ix = new NearDuplicateIndex();
    const shortA = '地铁3号线北延线什么时候开工建设？';
    const shortB = '爱心卡可以在地铁和公交上使用吗？';
    ix.add('a', BOILERPLATE + LETTER + CLOSE);
    ix.add('b', BOILERPLATE + OTHER + CLOSE);
    ix.add('c', BOILERPLATE + THIRD + CLOSE);
    ix.add('d', BOILERPLATE + shortA + CLOSE);
    ix.add('e', BOILERPLATE + shortB + CLOSE);
    expect(ix.groups(2).size).toBe(0);
    expect(ix.query(BOILERPLATE + shortA + CLOSE).map((m) => m.id)).toEqual(['d']);
    // Only a salutation is stripped, never the start of the content.
    expect(coreText('尊敬的胡书记：您好！路灯坏了。谢谢！')).toBe('路灯坏了');
    const tail = '数百名市民自发来到学校门口参加了葬礼';
    ix.add('f', '学生刺死老师，' + tail);
    ix.add('g', '学生打伤老师，' + tail);
    expect(ix.groupOf('g')).toBe('g');
  });

  it('matches short texts exactly only', () => {
    const ix = new NearDuplicateIndex();
    ix.add('a', '地铁3号线什么时候开通？');
    ix.add('b', '地鐵3號線什麼時候開通'); // same text, other script and punctuation
    ix.add('c', '地铁4号线什么时候开通？'); // one character: another question
    expect(ix.groupOf('b')).toBe('a');
    expect(ix.groupOf('c')).toBe('c');
    // A salutation alone is not emptied into "the same text" as every other salutation.
    ix.add('d', '您好！');
    ix.add('e', '谢谢！');
    expect(ix.groupOf('e')).toBe('e');
  });

  it('computes the exact Jaccard index of 3-gram shingles (up to 16-bit hashing)', () => {
    const ix = new NearDuplicateIndex();
    const variants = [LETTER, edit(LETTER, [5]), edit(LETTER, [5, 30, 60]), OTHER, THIRD];
    variants.forEach((t, i) => ix.add(String(i), t));
    for (let i = 1; i < variants.length; i++) {
      expect(ix.similarity('0', String(i))).toBeCloseTo(plainJaccard(LETTER, variants[i] ?? ''), 2);
    }
    expect(jaccard(new Uint16Array([1, 2, 3]), new Uint16Array([2, 3, 4]))).toBe(0.5);
  });

  it('finds the same near-duplicates as a brute-force comparison', () => {
    const ix = new NearDuplicateIndex();
    const texts: string[] = [];
    const bases = [LETTER, OTHER, THIRD, BOILERPLATE + OTHER, LETTER + OTHER];
    for (let i = 0; i < 200; i++) {
      const base = bases[i % bases.length] ?? '';
      const positions = Array.from({ length: i % 7 }, (_, k) => (i * 13 + k * 29) % base.length);
      texts.push(edit(base, positions));
    }
    texts.forEach((t, i) => ix.add(String(i), t));
    for (const i of [0, 1, 3, 6, 42, 199]) {
      const text = texts[i] ?? '';
      const brute = texts
        .map((t, j) => ({ id: String(j), similarity: ix.similarity(String(i), String(j)) ?? 0 }))
        .filter((m) => m.similarity >= ix.threshold)
        .map((m) => m.id)
        .sort();
      expect(
        ix
          .query(text, undefined, 1000)
          .map((m) => m.id)
          .sort(),
      ).toEqual(brute);
    }
  });

  it('keeps an item a moderator split out of its group out of it', () => {
    const ix = new NearDuplicateIndex();
    ix.add('a', LETTER);
    ix.add('b', edit(LETTER, [12]));
    ix.add('c', LETTER);
    ix.add('d', edit(LETTER, [50]));
    const pairs = ix.split('b');
    expect(pairs.map(([, other]) => other).sort()).toEqual(['a', 'c', 'd']);
    expect(ix.groupOf('b')).toBe('b');
    expect(ix.groupMembers('a')).toEqual(['a', 'c', 'd']);
    // A new copy joins the group, and does not pull the split item back in; a copy nearest
    // to the split item joins it, and that does not merge the two groups either.
    ix.add('e', edit(LETTER, [80]));
    expect(ix.groupOf('e')).toBe('a');
    expect(ix.groupOf('b')).toBe('b');
    ix.add('f', edit(LETTER, [12, 80]));
    expect(ix.groupMembers('b')).toEqual(['b', 'f']);
    expect(ix.groupMembers('a')).toEqual(['a', 'c', 'd', 'e']);
    // An identical text split out stays out too.
    const pairsC = ix.split('c');
    expect(ix.groupMembers('a')).toEqual(['a', 'd', 'e']);
    expect(ix.groupMembers('b')).toEqual(['b', 'f']);
    expect(ix.groupOf('c')).toBe('c');

    // The persisted pairs give the same groups in a new index, before or after adding.
    const rebuilt = new NearDuplicateIndex();
    for (const [x, y] of [...pairs, ...pairsC]) rebuilt.forbid(x, y);
    rebuilt.add('a', LETTER);
    rebuilt.add('b', edit(LETTER, [12]));
    rebuilt.add('c', LETTER);
    rebuilt.add('d', edit(LETTER, [50]));
    rebuilt.add('e', edit(LETTER, [80]));
    rebuilt.add('f', edit(LETTER, [12, 80]));
    expect(rebuilt.groups()).toEqual(ix.groups());
  });

  it('regroups when an item is removed: the next oldest becomes the key', () => {
    const ix = new NearDuplicateIndex();
    ix.add('a', LETTER);
    ix.add('b', edit(LETTER, [20]));
    ix.add('x', OTHER);
    expect(ix.groupOf('b')).toBe('a');
    expect(ix.remove('a')).toBe(true);
    expect(ix.remove('a')).toBe(false);
    expect(ix.groupOf('b')).toBe('b');
    expect(ix.has('a')).toBe(false);
    expect(ix.query(LETTER).map((m) => m.id)).toEqual(['b']);
    // A removed bridge no longer holds two texts together.
    const ab = LETTER + OTHER;
    // (one row per band, so LSH finds pairs this far apart for sure)
    const bridge = new NearDuplicateIndex({ threshold: 0.4, bands: 32, rows: 1 });
    bridge.add('l', LETTER);
    bridge.add('o', OTHER);
    bridge.add('lo', ab);
    expect(bridge.groupSize('l')).toBe(3);
    bridge.remove('lo');
    expect(bridge.groupOf('o')).toBe('o');
    // The id can be added again (an edited submission is removed and re-added).
    ix.add('a', THIRD);
    expect(ix.groupOf('a')).toBe('a');
  });

  it('gives the same results from stored signatures as from the texts', () => {
    const texts = [
      LETTER,
      edit(LETTER, [3, 70]),
      toTraditional(LETTER),
      OTHER,
      BOILERPLATE + OTHER,
      THIRD,
      '地铁3号线什么时候开通？',
      '地鐵3號線什麼時候開通',
    ];
    const fromText = new NearDuplicateIndex();
    const signatures = texts.map((t, i) => fromText.add(String(i), t).signature);
    const fromSig = new NearDuplicateIndex();
    signatures.forEach((s, i) => fromSig.addSignature(String(i), s));
    expect(fromSig.groups()).toEqual(fromText.groups());
    expect(signatures[0]).toBe(fromText.signature(texts[0] ?? ''));
    for (const t of [...texts, edit(OTHER, [9])]) {
      expect(fromSig.query(t)).toEqual(fromText.query(t));
      expect(fromSig.querySignature(fromText.signature(t))).toEqual(fromText.query(t));
    }
    expect(() =>
      new NearDuplicateIndex({ bands: 20 }).addSignature('z', signatures[0] ?? ''),
    ).toThrow(/another version or parameters/);
  });

  it('rebuilds the stored groups without searching again, in any order, and keeps matching', () => {
    const texts = [
      LETTER,
      edit(LETTER, [3, 70]),
      toTraditional(LETTER),
      OTHER,
      edit(OTHER, [5]),
      THIRD,
      edit(THIRD, [12]),
    ];
    const original = new NearDuplicateIndex();
    const signatures = texts.map((t, i) => original.add(String(i), t).signature);
    original.forbid('6', '5'); // a moderator split the edited THIRD out
    const stored = texts.map((_, i) =>
      original.groupSize(String(i)) > 1 ? (original.groupOf(String(i)) ?? null) : null,
    );
    expect(stored).toEqual(['0', '0', '0', '3', '3', null, null]);

    // Newest first: the key of a group arrives after its members.
    const rebuilt = new NearDuplicateIndex();
    rebuilt.forbid('6', '5');
    for (let i = texts.length - 1; i >= 0; i--)
      rebuilt.addKnown(String(i), signatures[i]!, stored[i]!);
    const partition = (ix: NearDuplicateIndex) =>
      texts.map((_, i) => ix.groupMembers(String(i)).slice().sort());
    expect(partition(rebuilt)).toEqual(partition(original));

    // The buckets are filled: a newcomer finds its group, the split pair stays apart.
    rebuilt.add('7', edit(LETTER, [40]));
    expect(rebuilt.groupSize('7')).toBe(4);
    rebuilt.add('8', THIRD);
    expect(rebuilt.groupMembers('8').sort()).toEqual(['5', '8']);
  });

  it('refuses an id twice and bad parameters', () => {
    const ix = new NearDuplicateIndex();
    ix.add('a', LETTER);
    expect(() => ix.add('a', OTHER)).toThrow(/already/);
    expect(() => new NearDuplicateIndex({ threshold: 0 })).toThrow();
  });
});
