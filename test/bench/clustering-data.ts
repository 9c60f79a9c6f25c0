/**
 * Submissions for the clustering benchmark: real Chinese messages (the labelled message board
 * and the message board with votes, ../shared/data/) recombined sentence by sentence, so that
 * 100k texts are all different yet read like real ones, plus form letters: a few templates sent
 * again and again, exactly or with the small edits people make (a salutation, a changed character,
 * a closing line), which the near-duplicate index must group.
 */
import { newId } from '../../server/ids.ts';
import { storedPublicText } from '../../server/submissions/submission-row.ts';
import { maskPersonalData } from '../../server/text/mask-personal-data.ts';
import { seededRandom } from '../../server/sensemaking/clustering/random.ts';
import type { BulkWriter } from './bench-database.ts';
import { readMessages } from './messages.ts';

/** `topic`: the data set's category of the message the text begins with (a quality yardstick). */
export type Text = { title: string; body: string; topic?: string };

type Source = { title: string; sentences: string[]; category: string };

const votesFile = process.env.HUIYIN_BENCH_VOTES ?? '/work/shared/data/messages_with_votes.csv';

/** Sentences with their closing punctuation. */
const SENTENCE = /[^。！？!?；;\n]+[。！？!?；;]*/g;

/** Longest body generated (the campaign form of a consultation allows far more; real bodies are
 * mostly under 800 characters). */
const MAX_BODY = 800;

const SALUTATIONS = ['尊敬的领导：', '领导您好！', '尊敬的市长：', '各位领导：', ''];
const CLOSINGS = ['谢谢！', '恳请领导重视！', '望早日解决，谢谢。', ''];

export class TextSource {
  private readonly sources: Source[];
  private readonly byCategory = new Map<string, number[]>();
  private readonly templates: Source[];

  private constructor(sources: Source[]) {
    this.sources = sources;
    sources.forEach((s, i) => {
      const list = this.byCategory.get(s.category);
      if (list) list.push(i);
      else this.byCategory.set(s.category, [i]);
    });
    // Form letters are long campaign-style texts: every 97th message of at least six sentences.
    this.templates = sources.filter((s) => s.sentences.length >= 6).filter((_, i) => i % 97 === 0);
  }

  /** Null when the data set is not there (the benchmark skips). */
  static load(): TextSource | null {
    const labelled = readMessages();
    const votes = readMessages(votesFile);
    if (!labelled || !votes) return null;
    const sources = [
      ...labelled.map((m) => ({ ...m, category: m.category || 'labelled' })),
      // The vote data set has no categories: its messages are recombined among themselves.
      ...votes.map((m) => ({ ...m, category: 'votes' })),
    ]
      .map((m) => ({
        title: m.title.trim().slice(0, 40),
        sentences: (m.body.match(SENTENCE) ?? []).map((x) => x.trim()).filter((x) => x.length > 1),
        category: m.category,
      }))
      .filter((s) => s.title && s.sentences.length > 0);
    return new TextSource(sources);
  }

  get size(): number {
    return this.sources.length;
  }

  get formLetters(): number {
    return this.templates.length;
  }

  /**
   * The i-th distinct text: the original messages first, then the first half of one message
   * followed by the second half of another of the same category (and the title of either), so
   * topics stay coherent. `seen` guarantees distinct texts.
   */
  distinct(i: number, seen: Set<string>): Text {
    const random = seededRandom(0x9e3779b1 ^ i);
    const a = this.sources[i % this.sources.length]!;
    if (i < this.sources.length) {
      const text = { title: a.title, body: cap(a.sentences), topic: a.category };
      if (!seen.has(key(text))) {
        seen.add(key(text));
        return text;
      }
    }
    const pool = this.byCategory.get(a.category)!;
    for (;;) {
      const b = this.sources[pool[Math.floor(random() * pool.length)]!]!;
      const head = a.sentences.slice(0, Math.ceil(a.sentences.length / 2));
      const tail = b.sentences.slice(Math.floor(b.sentences.length / 2));
      const text = {
        title: random() < 0.5 ? a.title : b.title,
        body: cap([...head, ...tail]),
        topic: a.category,
      };
      if (!seen.has(key(text))) {
        seen.add(key(text));
        return text;
      }
    }
  }

  /** A copy of form letter `t`: exact, or with the edits people make when they pass one on. */
  formLetter(t: number, copy: number): Text {
    const template = this.templates[t % this.templates.length]!;
    const random = seededRandom(0x85ebca6b ^ (t * 100_003 + copy));
    const sentences = [...template.sentences];
    const roll = random();
    let body = cap(sentences);
    if (roll < 0.3) {
      // an exact copy
    } else if (roll < 0.55) {
      body = SALUTATIONS[copy % SALUTATIONS.length]! + body;
    } else if (roll < 0.8) {
      // one character changed (a typo, a different place name character)
      const chars = [...body];
      const at = Math.floor(random() * chars.length);
      chars[at] = '某';
      body = chars.join('');
    } else body = `${body}${CLOSINGS[copy % CLOSINGS.length]!}`;
    return { title: template.title, body, topic: template.category };
  }
}

const key = (t: Text) => `${t.title}\n${t.body}`;

function cap(sentences: string[]): string {
  let out = '';
  for (const s of sentences) {
    if (out.length + s.length > MAX_BODY) break;
    out += s;
  }
  return out || sentences[0]!.slice(0, MAX_BODY);
}

/**
 * The texts of a campaign of `count` submissions, `formShare` of them copies of the form letters
 * (spread through the campaign's life, as a letter circulates), the rest distinct.
 */
export function campaignTexts(
  source: TextSource,
  count: number,
  formShare: number,
  offset: number,
  seen: Set<string>,
): (Text & { form: boolean })[] {
  const every = formShare > 0 ? Math.max(1, Math.round(1 / formShare)) : Infinity;
  const out: (Text & { form: boolean })[] = [];
  let distinct = offset;
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    if (n % every === every - 1) {
      const copy = Math.floor(n / every);
      out.push({ ...source.formLetter(copy, Math.floor(copy / source.formLetters)), form: true });
    } else out.push({ ...source.distinct(distinct++, seen), form: false });
  }
  return out;
}

/** Inserts published submissions of one campaign, one author, and returns their ids in order. */
export async function insertSubmissions(
  w: BulkWriter,
  campaignId: string,
  texts: Text[],
  startAt: number,
  spacingMs: number,
  refFrom: number,
): Promise<string[]> {
  const author = await benchAuthor(w);
  const ids: string[] = [];
  for (const [i, x] of texts.entries()) {
    const at = startAt + i * spacingMs;
    const id = newId('sub', at);
    const title = maskPersonalData(x.title);
    const body = maskPersonalData(x.body);
    await w.insert(
      'submissions',
      [
        'id',
        'ref',
        'campaign_id',
        'author_id',
        'kind',
        'title',
        'body',
        'title_public',
        'body_public',
        'has_personal_data',
        'show_name',
        'status',
        'support_count',
        'created_at',
        'published_at',
        'updated_at',
      ],
      [
        id,
        `BC-2026-${String(refFrom + i).padStart(7, '0')}`,
        campaignId,
        author,
        'suggestion',
        x.title,
        x.body,
        storedPublicText(x.title, title.text),
        storedPublicText(x.body, body.text),
        title.masked || body.masked ? 1 : 0,
        1,
        'published',
        i % 37,
        at,
        at,
        at,
      ],
    );
    ids.push(id);
  }
  return ids;
}

/** Authors written by each writer (PostgreSQL's writer buffers rows: a read would miss them). */
const authors = new WeakMap<BulkWriter, string>();

/** The one author of the generated submissions. */
async function benchAuthor(w: BulkWriter): Promise<string> {
  const written = authors.get(w);
  if (written) return written;
  const [existing] = await w.rows<{ id: string }>(
    "select id from users where email = 'clustering-bench@huiyin.cn'",
  );
  if (existing) return existing.id;
  const author = newId('usr');
  authors.set(w, author);
  await w.insert(
    'users',
    ['id', 'phone', 'email', 'password_hash', 'display_name', 'created_at'],
    [author, null, 'clustering-bench@huiyin.cn', '!no-login', '网友', Date.now()],
  );
  return author;
}
