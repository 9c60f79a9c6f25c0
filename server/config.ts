import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('0')
  .transform((v) => v === '1' || v === 'true');
const count = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

/** Every setting comes from the environment, parsed once here; the README lists them. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  HUIYIN_DB: z.string().default('data/huiyin.db'),
  /** postgres://user:password@host:port/database: run on PostgreSQL instead of the SQLite file. */
  HUIYIN_DATABASE_URL: z
    .string()
    .default('')
    .refine((v) => v === '' || /^postgres(ql)?:\/\//.test(v), 'must start with postgres://'),
  /**
   * auto: a node applies the migrations its database lacks at start-up (under a lock on
   * PostgreSQL). off: it refuses to start on a database older than its code, saying which
   * migrations are missing (app nodes of a cluster, where one upgrade step migrates first).
   * Either way a database newer than the code is refused.
   */
  HUIYIN_MIGRATE: z.enum(['auto', 'off']).default('auto'),
  /** Connections each app node keeps to PostgreSQL. */
  HUIYIN_DATABASE_POOL: z.coerce.number().int().min(1).max(500).default(20),
  /**
   * A PostgreSQL standby for the heavy public reads (search, the data page, open-data exports);
   * everything else, and every write, goes to HUIYIN_DATABASE_URL. Empty: one database for all.
   */
  HUIYIN_DATABASE_READ_URL: z.string().default(''),
  /** How /api/ready names this node to a balancer or an operator; host name and process id if unset. */
  HUIYIN_NODE_ID: z.string().max(100).default(''),
  HUIYIN_CAMPAIGNS_DIR: z.string().default('campaigns'),
  HUIYIN_WEB_DIST: z.string().default('web/dist'),
  HUIYIN_DEMO: flag,
  HUIYIN_SECURE_COOKIES: flag,
  HUIYIN_TRUST_PROXY: flag,
  HUIYIN_SESSION_DAYS: count(30),
  /** One JSON line per request on stdout (method, path, status, duration, request id). */
  HUIYIN_REQUEST_LOG: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  HUIYIN_SUBMIT_PER_ACCOUNT_PER_HOUR: count(20),
  HUIYIN_SUBMIT_PER_IP_PER_HOUR: count(300),
  HUIYIN_SUPPORT_PER_ACCOUNT_PER_HOUR: count(300),
  HUIYIN_AUTH_PER_IP_PER_HOUR: count(100),
  HUIYIN_SEARCH_PER_IP_PER_MINUTE: count(120),
  HUIYIN_SUPPORT_PER_IP_PER_HOUR: count(600),
  HUIYIN_REPORTS_PER_ACCOUNT_PER_HOUR: count(30),
  /** Distinct reports that hide a published text from the public until a reviewer decides. */
  HUIYIN_REPORT_HIDE_THRESHOLD: z.coerce.number().int().min(1).default(3),
  /** Supports for one submission from one network (IPv4 /24, IPv6 /64) that flag a burst… */
  HUIYIN_SUPPORT_BURST_COUNT: z.coerce.number().int().min(2).default(10),
  /** …within this many minutes. */
  HUIYIN_SUPPORT_BURST_MINUTES: z.coerce.number().int().min(1).default(10),
  /** e.g. smtps://user:pass@smtp.example.gov.cn:465; empty: e-mails are written to the log. */
  HUIYIN_SMTP_URL: z.string().default(''),
  HUIYIN_MAIL_FROM: z.string().default('回音平台 <noreply@huiyin.invalid>'),
  /** Chromium that prints campaign reports to PDF (Debian's package by default). */
  HUIYIN_CHROMIUM: z.string().default('/usr/bin/chromium'),
  /** Minutes between refreshes of the pre-aggregated figures (data page, dashboard, report). */
  HUIYIN_FIGURES_REFRESH_MINUTES: count(10),
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration in environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Defaults for tests and embedding: the same parser over an empty environment plus overrides. */
export function testConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  return loadConfig(overrides);
}
