// `toSimplified` skips OpenCC for texts it proves unchanged: it must give exactly OpenCC's output
// on real data in both scripts, and skip for most Simplified text (else it saves nothing).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { skipsConversion, toSimplified } from '../../../server/sensemaking/text-pipeline.ts';

const data = new URL('../../../../shared/data/', import.meta.url);
const seeds = new URL('../../../../shared/seeds/', import.meta.url);
const opencc = OpenCC.Converter({ from: 'hk', to: 'cn' });

function csvTexts(): string[] {
  const texts: string[] = [];
  for (const file of readdirSync(data).filter((f) => f.endsWith('.csv'))) {
    const rows = parse(readFileSync(new URL(file, data), 'utf8'), {
      relax_column_count: true,
      bom: true,
    }) as string[][];
    for (const row of rows) for (const field of row) if (field.trim()) texts.push(field);
  }
  return texts;
}

/** Texts where toSimplified differs from OpenCC (with both as normalizeText calls them). */
function mismatches(texts: readonly string[]): string[] {
  const bad: string[] = [];
  for (const text of texts) {
    for (const t of [text, text.normalize('NFKC')]) {
      if (toSimplified(t) !== opencc(t)) bad.push(t.slice(0, 80));
    }
  }
  return bad;
}

describe('toSimplified', () => {
  it('converts Traditional and mixed text as OpenCC does', () => {
    expect(toSimplified('人民網“領導留言板”辦得快，平台')).toBe('人民网“领导留言板”办得快，平台');
    expect(toSimplified('臺灣的戶口和稅')).toBe(opencc('臺灣的戶口和稅'));
    expect(skipsConversion('平台户口税收温度吃饭')).toBe(true); // round trips 台 → 臺 → 台
    expect(skipsConversion('戶')).toBe(false);
  });

  it('skips only where OpenCC changes nothing, for every dictionary key', () => {
    const config = OpenCC.Locale.configs.hk2s as unknown as {
      normalizationChain?: (string | [string, string][])[][];
      conversionChain: (string | [string, string][])[][];
    };
    const keys = new Set<string>();
    for (const group of [...(config.normalizationChain ?? []), ...config.conversionChain])
      for (const dict of group)
        for (const entry of typeof dict === 'string' ? dict.split('|') : dict)
          for (const word of typeof entry === 'string' ? entry.split(' ') : entry) keys.add(word);
    const probes = [...keys].flatMap((k) => [k, `平台${k}户`, `${k}${k}`]);
    expect(mismatches(probes)).toEqual([]);
  });

  describe.skipIf(!existsSync(data))('on the shared data', () => {
    const texts = existsSync(data) ? csvTexts() : [];

    it('matches OpenCC on every field of every CSV row, and skips most of them', () => {
      expect(texts.length).toBeGreaterThan(30_000);
      expect(mismatches(texts)).toEqual([]);
      const skipped = texts.filter((t) => skipsConversion(t.normalize('NFKC'))).length;
      expect(skipped / texts.length).toBeGreaterThan(0.8);
    });

    it('matches OpenCC on the same texts in Traditional script (Hong Kong and Taiwan)', () => {
      const sample = texts.filter((_, i) => i % 10 === 0);
      for (const to of ['hk', 'tw'] as const) {
        const traditional = OpenCC.Converter({ from: 'cn', to });
        const converted = sample.map(traditional);
        // a real Traditional sample: most texts differ from their Simplified source
        expect(converted.filter((t, i) => t !== sample[i]).length).toBeGreaterThan(
          sample.length / 2,
        );
        expect(mismatches(converted)).toEqual([]);
      }
    });
  });

  it.skipIf(!existsSync(seeds))('matches OpenCC on the seeds (both scripts)', () => {
    const texts = readdirSync(seeds).flatMap((f) =>
      readFileSync(new URL(f, seeds), 'utf8').split('\n'),
    );
    expect(mismatches(texts)).toEqual([]);
  });
});
