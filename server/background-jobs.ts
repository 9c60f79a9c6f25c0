import { refreshFigures } from './figures/refresh-figures.ts';
import { escalateOverdue } from './handling/escalate-overdue.ts';
import { createEmailSender, deliverOutbox } from './notifications/email-sender.ts';
import type { Services } from './services.ts';
import { startJobRunner } from './jobs/job-runner.ts';
import { registerJobs } from './jobs/register-jobs.ts';

/**
 * Periodic work: escalate overdue matters (督办) every minute, send queued e-mails every ten
 * seconds, take figures snapshots, run recorded jobs, sweep ended rate-limit windows, and let the
 * engine keep itself (SQLite: WAL checkpoints off the event loop). With several nodes on one
 * PostgreSQL, what must run once runs on the leading node only (`services.leadership`); e-mail
 * runs on every node, each pass claiming its rows. Each job is idempotent, so a restart, or a
 * leader that died mid-job, loses nothing.
 */
export function startBackgroundJobs(s: Services): { stop(): void } {
  const sender = createEmailSender(s.config.HUIYIN_SMTP_URL, s.config.HUIYIN_MAIL_FROM);
  const log = (msg: Record<string, unknown>) =>
    console.log(JSON.stringify({ time: new Date().toISOString(), ...msg }));
  let sending = false;
  const leads = () => s.leadership.leading;
  const escalate = async () => {
    if (!leads()) return;
    try {
      const n = await escalateOverdue(s);
      if (n) log({ msg: 'escalated overdue matters', count: n });
    } catch (error) {
      log({ level: 'error', msg: 'escalation failed', error: String(error) });
    }
  };
  const mail = async () => {
    if (sending) return;
    sending = true;
    try {
      await deliverOutbox(s.store, sender, () => s.clock.now());
    } catch (error) {
      log({ level: 'error', msg: 'e-mail delivery failed', error: String(error) });
    } finally {
      sending = false;
    }
  };
  // Ended rate-limit windows are deleted now and then (any node may; deleting twice is harmless).
  const sweepLimits = async () =>
    leads() &&
    s.store.rateLimits
      .sweep(s.clock.now())
      .catch((error: unknown) =>
        log({ level: 'error', msg: 'rate-limit sweep failed', error: String(error) }),
      );
  // Figures are a snapshot (the data page says as of when): taken at start, then periodically.
  const figures = async () =>
    leads() &&
    refreshFigures(s).catch((error: unknown) =>
      log({ level: 'error', msg: 'figures refresh failed', error: String(error) }),
    );
  registerJobs();
  // Recorded jobs run on the leader. A new leader first queues again what was running: only a
  // leader runs jobs, so those were the last leader's, cut off when it died.
  let runner: ReturnType<typeof startJobRunner> | null = null;
  let stopped = false;
  s.leadership.follow((leading) => {
    if (stopped) return;
    if (leading && !runner) {
      runner = startJobRunner(s);
      void escalate();
      void figures();
    } else if (!leading && runner) {
      runner.stop();
      runner = null;
    }
  });
  const upkeep = s.store.db.maintain(log);
  // Sensemaking left queued by the last run (a crash, a restart) is worked through now (leader).
  s.sensemaking.warmUp();
  s.sensemaking.kick();
  const timers = [
    setInterval(() => void escalate(), 60_000),
    setInterval(() => void mail(), 10_000),
    setInterval(() => void sweepLimits(), 10 * 60_000),
  ];
  if (s.config.HUIYIN_FIGURES_REFRESH_MINUTES > 0)
    timers.push(
      setInterval(() => void figures(), s.config.HUIYIN_FIGURES_REFRESH_MINUTES * 60_000),
    );
  for (const t of timers) t.unref();
  return {
    stop: () => {
      stopped = true;
      runner?.stop();
      timers.forEach(clearInterval);
      void upkeep.stop();
    },
  };
}
