import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Pre-aggregated figures (the public data page, the dashboard, the report). A refresh builds a
 * whole new generation from the base tables, then makes it current in one write, so a reader
 * always sees one consistent snapshot and can say when it was taken. Definitions of every measure:
 * server/figures/definitions.ts. Periods group submissions by the China-time day they were received.
 */
export const figureSnapshots = sqliteTable('figure_snapshots', {
  generation: integer('generation').primaryKey(),
  /** Base tables were read as of this moment (epoch ms): the "data as of" every figure states. */
  takenAt: integer('taken_at').notNull(),
  /** Set when the generation is complete; readers use the newest finished one. */
  finishedAt: integer('finished_at'),
  submissions: integer('submissions').notNull().default(0),
});

/**
 * Additive counts per dimension. `dim` says what `period`, `key` and `topic` hold:
 * day (period YYYY-MM-DD) · topic (YYYY-MM, topic) · unit (YYYY-MM, key = unit id) ·
 * region2/region4/region6 (YYYY-MM, key = division code cut to 2/4/6 digits, topic) ·
 * addressee (YYYY-MM, key = addressee id).
 * '' stands for "none" (no topic, no unit, no region).
 */
export const figureCells = sqliteTable(
  'figure_cells',
  {
    generation: integer('generation').notNull(),
    dim: text('dim').notNull(),
    campaignId: text('campaign_id').notNull(),
    period: text('period').notNull(),
    key: text('key').notNull(),
    topic: text('topic').notNull(),
    received: integer('received').notNull(),
    published: integer('published').notNull(),
    replied: integer('replied').notNull(),
    unitReplied: integer('unit_replied').notNull(),
    onTime: integer('on_time').notNull(),
    satisfied: integer('satisfied').notNull(),
    basically: integer('basically').notNull(),
    unsatisfied: integer('unsatisfied').notNull(),
    adopted: integer('adopted').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.generation, t.dim, t.campaignId, t.period, t.key, t.topic] }),
    index('figure_cells_dim_period').on(t.generation, t.dim, t.period),
    // A board reads its own keys (a leader, a region's parts) over a period.
    index('figure_cells_dim_key').on(t.generation, t.dim, t.key, t.period),
  ],
);

/** Time from publication to the first public answer, as a histogram (see replyBucket). */
export const figureReplyTimes = sqliteTable(
  'figure_reply_times',
  {
    generation: integer('generation').notNull(),
    campaignId: text('campaign_id').notNull(),
    day: text('day').notNull(),
    bucket: integer('bucket').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.generation, t.campaignId, t.day, t.bucket] })],
);

/**
 * Reply times per board (dim region2/region4/region6 · addressee · unit; period YYYY-MM; key the
 * division code, addressee id or unit id), so a board's median needs no scan of its messages.
 */
export const figureBoardReplyTimes = sqliteTable(
  'figure_board_reply_times',
  {
    generation: integer('generation').notNull(),
    dim: text('dim').notNull(),
    campaignId: text('campaign_id').notNull(),
    period: text('period').notNull(),
    key: text('key').notNull(),
    bucket: integer('bucket').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    // Key before period: a board reads its own keys over a period.
    primaryKey({
      columns: [t.generation, t.dim, t.key, t.campaignId, t.period, t.bucket],
    }),
  ],
);

/** Topic clusters with their size and last-seven-days growth at snapshot time (hot topics). */
export const figureHotTopics = sqliteTable(
  'figure_hot_topics',
  {
    generation: integer('generation').notNull(),
    campaignId: text('campaign_id').notNull(),
    clusterId: text('cluster_id').notNull(),
    title: text('title').notNull(),
    people: integer('people').notNull(),
    lastWeek: integer('last_week').notNull(),
    supports: integer('supports').notNull(),
  },
  (t) => [primaryKey({ columns: [t.generation, t.campaignId, t.clusterId] })],
);
