import { describe, expect, it } from 'vitest';
import {
  ari,
  assign,
  clusterAll,
  matchClusters,
  nmi,
  parseModel,
  serializeModel,
  type Cluster,
  type ClusterDoc,
} from '../../../server/sensemaking/clustering/index.ts';
import { randomizedSvd, symmetricEigen } from '../../../server/sensemaking/clustering/linalg.ts';
import { hungarian } from '../../../server/sensemaking/clustering/match.ts';
import { seededRandom } from '../../../server/sensemaking/clustering/random.ts';

const topics = {
  heating: [
    '小区冬季供暖温度不达标，暖气片一直不热',
    '暖气不热，供暖公司却照常收取供暖费',
    '老旧小区供暖管道老化，暖气经常停',
    '希望延长供暖时间，暖气温度太低',
    '供暖费上涨太快，暖气却不热',
  ],
  wages: [
    '工地老板拖欠农民工工资半年未发',
    '建筑公司拖欠工资，农民工讨薪无门',
    '年底了，包工头拖欠我们的工资不给',
    '农民工工资被拖欠，劳动监察不管',
    '公司恶意拖欠员工工资三个月',
  ],
  schools: [
    '小区附近小学学位不足，孩子入学困难',
    '学区划分不合理，孩子上学要跑很远，学位太少',
    '新建小区没有配套学校，学位严重紧张',
    '外来务工人员子女入学难，学位不够',
    '希望增加公办小学学位，解决孩子入学难',
  ],
};
type Topic = keyof typeof topics;
const docs: ClusterDoc[] = Object.entries(topics).flatMap(([topic, texts]) =>
  texts.map((text, i) => ({ id: `${topic}-${i}`, text })),
);
const topicOf = (id: string) => id.split('-')[0] as Topic;
const clusterOf = (clusters: Cluster[], id: string) => clusters.find((c) => c.members.includes(id));

describe('NMI and ARI', () => {
  it('match hand-computed values', () => {
    // contingency [[2,1,0],[0,1,2]]: MI = ⅔·ln 2, H(a) = ln 2, H(b) = ln 3
    const a = [0, 0, 0, 1, 1, 1];
    const b = [0, 0, 1, 1, 2, 2];
    expect(nmi(a, b)).toBeCloseTo(((2 / 3) * Math.log(2)) / ((Math.log(2) + Math.log(3)) / 2), 10);
    expect(nmi(a, b)).toBeCloseTo(0.515804, 5);
    // pairs together in both: 2; in a: 6; in b: 3; of 15 → (2 − 6·3/15) / (4.5 − 1.2)
    expect(ari(a, b)).toBeCloseTo(0.8 / 3.3, 10);
    expect(ari(b, a)).toBeCloseTo(ari(a, b), 12);
  });

  it('are 1 for the same partition under other names', () => {
    const a = ['x', 'x', 'y', 'y', 'z'];
    const b = [7, 7, 3, 3, 1];
    expect(nmi(a, b)).toBeCloseTo(1, 12);
    expect(ari(a, b)).toBeCloseTo(1, 12);
  });

  it('are 0 for exactly independent partitions and ≈ 0 for random ones', () => {
    // every cell of the contingency table equal: no information at all
    expect(nmi([0, 0, 1, 1, 0, 0, 1, 1], [0, 1, 0, 1, 0, 1, 0, 1])).toBeCloseTo(0, 12);
    const random = seededRandom(3);
    const a = Array.from({ length: 20_000 }, () => Math.floor(random() * 5));
    const b = Array.from({ length: 20_000 }, () => Math.floor(random() * 5));
    expect(nmi(a, b)).toBeLessThan(0.01);
    expect(Math.abs(ari(a, b))).toBeLessThan(0.01);
  });
});

describe('linear algebra', () => {
  const random = seededRandom(11);

  it('symmetricEigen returns eigenpairs in descending order', () => {
    const n = 6;
    const b = Array.from({ length: n * n }, () => random() - 0.5);
    const a = new Float64Array(n * n); // BᵀB is symmetric positive semi-definite
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        for (let r = 0; r < n; r++) a[i * n + j]! += b[r * n + i]! * b[r * n + j]!;
      }
    }
    const { values, vectors } = symmetricEigen(a, n);
    for (let j = 0; j < n; j++) {
      if (j > 0) expect(values[j]!).toBeLessThanOrEqual(values[j - 1]!);
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let r = 0; r < n; r++) av += a[i * n + r]! * vectors[r * n + j]!;
        expect(av).toBeCloseTo(values[j]! * vectors[i * n + j]!, 9);
      }
    }
  });

  it('randomizedSvd finds the leading singular values of a sparse matrix', () => {
    const rows = 40;
    const cols = 12;
    const dense = Array.from({ length: rows * cols }, () => (random() < 0.3 ? random() : 0));
    const indptr = new Int32Array(rows + 1);
    const indices: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        if (dense[i * cols + j]) {
          indices.push(j);
          values.push(dense[i * cols + j]!);
        }
      }
      indptr[i + 1] = indices.length;
    }
    const x = {
      rows,
      cols,
      indptr,
      indices: Int32Array.from(indices),
      values: Float32Array.from(values),
    };
    const gram = new Float64Array(cols * cols);
    for (let i = 0; i < rows; i++) {
      for (let a = 0; a < cols; a++) {
        for (let b = 0; b < cols; b++) {
          gram[a * cols + b]! +=
            Math.fround(dense[i * cols + a]!) * Math.fround(dense[i * cols + b]!);
        }
      }
    }
    const exact = symmetricEigen(gram, cols).values.map(Math.sqrt);
    const svd = randomizedSvd(x, 4, { seed: 5 });
    expect(svd.rank).toBe(4);
    for (let b = 0; b < 4; b++) expect(svd.sigma[b]!).toBeCloseTo(exact[b]!, 6);
  });
});

describe('Hungarian matching', () => {
  it('finds the assignment of least total cost, not the greedy one', () => {
    // greedy takes (0,0)=1 and is then forced into (1,1)=10; the optimum is 2 + 3
    expect(
      hungarian(
        [
          [1, 2],
          [3, 10],
        ],
        2,
        2,
      ),
    ).toEqual([1, 0]);
    expect(hungarian([[5, 1, 9]], 1, 3)).toEqual([1]);
  });
});

describe('clusterAll', () => {
  const run = clusterAll(docs, { k: 3 });

  it('puts three obvious topics in three clusters', () => {
    expect(run.clusters).toHaveLength(3);
    for (const c of run.clusters) {
      expect(c.members).toHaveLength(5);
      expect(new Set(c.members.map(topicOf)).size).toBe(1);
      expect(c.members).toContain(c.representative);
    }
    expect(
      nmi(
        docs.map((d) => topicOf(d.id)),
        docs.map((d) => clusterOf(run.clusters, d.id)!.key),
      ),
    ).toBe(1);
  });

  it('labels each cluster with its own distinctive words', () => {
    const label = (t: Topic) => clusterOf(run.clusters, `${t}-0`)!.label;
    expect(label('heating').some((w) => ['供暖', '暖气', '供暖费'].includes(w))).toBe(true);
    expect(label('wages').some((w) => ['拖欠', '工资', '农民工'].includes(w))).toBe(true);
    expect(label('schools').some((w) => ['学位', '入学', '小学'].includes(w))).toBe(true);
    for (const c of run.clusters) {
      expect(c.label.length).toBeGreaterThanOrEqual(2);
      expect(c.label.length).toBeLessThanOrEqual(4);
      for (const w of c.label) expect([...w].length).toBeGreaterThan(1);
      expect(c.label).not.toContain('希望'); // a word all topics share says nothing
    }
  });

  it('picks k from the data when not told', () => {
    expect(clusterAll(docs).clusters).toHaveLength(3); // √(15/2) ≈ 3
  });

  it('does not depend on the order of the input', () => {
    const again = clusterAll([...docs].reverse(), { k: 3 });
    expect(again.clusters.map((c) => [c.key, c.members])).toEqual(
      run.clusters.map((c) => [c.key, c.members]),
    );
  });
});

describe('assign', () => {
  const run = clusterAll(docs, { k: 3 });

  it('assigns a new text to the right cluster, also after a JSON round trip', () => {
    const model = parseModel(serializeModel(run.model));
    const heating = clusterOf(run.clusters, 'heating-0')!.key;
    const wages = clusterOf(run.clusters, 'wages-0')!.key;
    expect(assign(model, '我家暖气一点都不热，供暖温度太低')?.key).toBe(heating);
    expect(assign(model, '包工头拖欠工资，农民工过年回不了家')?.key).toBe(wages);
    const hit = assign(run.model, '我家暖气一点都不热，供暖温度太低')!;
    expect(hit.similarity).toBeGreaterThan(0.5);
    expect(hit.similarity).toBeLessThanOrEqual(1 + 1e-6);
  });

  it('returns null for a text with nothing in common with the corpus', () => {
    expect(assign(run.model, 'NBA总决赛勇士队夺冠')).toBeNull();
    expect(assign(run.model, '')).toBeNull();
  });

  it('rejects a malformed model document', () => {
    expect(() => parseModel('{"version":2}')).toThrow();
  });
});

describe('stability and editor decisions', () => {
  const first = clusterAll(docs, { k: 3 });
  const added = [...docs, { id: 'heating-5', text: '暖气片冰凉，供暖温度不达标' }];

  it('matchClusters keeps every key across a re-run with one document added', () => {
    const second = clusterAll(added, { k: 3, seed: 7 });
    const map = matchClusters(first.clusters, second.clusters);
    expect(map.size).toBe(3);
    for (const c of second.clusters) {
      const old = first.clusters.find((o) => o.key === map.get(c.key))!;
      expect(old.members.every((m) => c.members.includes(m))).toBe(true);
    }
  });

  it('a run given the previous clusters reuses their keys', () => {
    const second = clusterAll(added, { k: 3, previous: first.clusters });
    expect(second.clusters.map((c) => c.key).sort()).toEqual(
      first.clusters.map((c) => c.key).sort(),
    );
    expect(second.clusters.every((c) => c.origin === 'previous')).toBe(true);
    expect(clusterOf(second.clusters, 'heating-5')!.key).toBe(
      clusterOf(first.clusters, 'heating-0')!.key,
    );
  });

  it('a re-run reusing the model keeps every earlier document where it was', () => {
    const second = clusterAll(added, { k: 3, previous: first.clusters, model: first.model });
    expect(second.model.terms).toBe(first.model.terms); // the same term space, not a relearned one
    for (const c of first.clusters) {
      expect(second.clusters.find((x) => x.key === c.key)!.members).toEqual(
        expect.arrayContaining(c.members),
      );
    }
    expect(second.stats.coverage).toBeGreaterThan(first.model.coverage - 0.1); // no drift yet
  });

  it('matchClusters leaves a new topic unmatched', () => {
    const map = matchClusters(
      [{ key: 'old', members: ['a', 'b', 'c', 'd'] }],
      [
        { key: 'n1', members: ['e', 'f', 'g'] },
        { key: 'n2', members: ['a', 'b', 'c', 'x'] },
      ],
    );
    expect([...map]).toEqual([['n2', 'old']]);
  });

  it('keeps a pinned document in its pinned cluster', () => {
    const wages = clusterOf(first.clusters, 'wages-0')!.key;
    // an editor moved a heating complaint into the wage-arrears cluster
    const pinned = new Map([['heating-2', wages]]);
    const second = clusterAll(added, { k: 3, previous: first.clusters, pinned });
    const target = second.clusters.find((c) => c.key === wages)!;
    expect(target.members).toContain('heating-2');
    expect(target.origin).toBe('pinned');
    expect(clusterOf(second.clusters, 'heating-0')!.members).not.toContain('heating-2');
  });

  it('pins to a new key make a split, and locked clusters pass through unchanged', () => {
    const schools = clusterOf(first.clusters, 'schools-0')!;
    const locked = [{ key: schools.key, members: ['schools-0', 'schools-1', 'wages-4'] }];
    const pinned = new Map([
      ['heating-0', 'split-a'],
      ['heating-1', 'split-a'],
      ['heating-3', 'split-b'],
    ]);
    const second = clusterAll(added, { k: 4, previous: first.clusters, locked, pinned });
    const lockedOut = second.clusters.find((c) => c.key === schools.key)!;
    expect(lockedOut.locked).toBe(true);
    expect([...lockedOut.members].sort()).toEqual(['schools-0', 'schools-1', 'wages-4']);
    expect(second.clusters.find((c) => c.key === 'split-a')!.members).toEqual(
      expect.arrayContaining(['heating-0', 'heating-1']),
    );
    expect(second.clusters.find((c) => c.key === 'split-b')!.members).toContain('heating-3');
    // every document appears exactly once
    const all = second.clusters.flatMap((c) => c.members).concat(second.unassigned);
    expect(all.sort()).toEqual(added.map((d) => d.id).sort());
  });

  it("keeps an editor's representative and label", () => {
    const heating = clusterOf(first.clusters, 'heating-0')!.key;
    const second = clusterAll(docs, {
      k: 3,
      previous: first.clusters,
      representatives: new Map([[heating, 'heating-4']]),
      labels: new Map([[heating, ['冬季供暖']]]),
    });
    const c = second.clusters.find((x) => x.key === heating)!;
    expect(c.representative).toBe('heating-4');
    expect(c.label).toEqual(['冬季供暖']);
  });
});
