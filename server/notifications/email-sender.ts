import nodemailer from 'nodemailer';
import type { Store } from '../store/store.ts';

export type Email = { to: string; subject: string; body: string };
export type EmailSender = { send(mail: Email): Promise<void>; kind: 'smtp' | 'log' };

/** SMTP through nodemailer when HUIYIN_SMTP_URL is set; otherwise e-mails go to the log. */
export function createEmailSender(smtpUrl: string, from: string): EmailSender {
  if (!smtpUrl) {
    return {
      kind: 'log',
      async send(mail) {
        console.log(
          JSON.stringify({ msg: 'email (log sink)', to: mail.to, subject: mail.subject }),
        );
      },
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    kind: 'smtp',
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.body });
    },
  };
}

/** Sending gives up on an e-mail after this many attempts. */
const maxAttempts = 5;
/** A claim older than this has lapsed (its node died mid-send): the e-mail may be taken again. */
export const outboxLeaseMs = 10 * 60_000;

/**
 * Sends what waits in the outbox, oldest first. A pass first claims its rows in a short write of
 * its own (on PostgreSQL two app nodes never claim the same row), then sends outside any
 * transaction, then records each outcome. A failure is recorded and retried on later passes, up
 * to five attempts; a sent row is marked, never deleted (it is the record).
 */
export async function deliverOutbox(
  store: Store,
  sender: EmailSender,
  now: () => number,
  limit = 50,
): Promise<number> {
  const at = now();
  const claimed = await store.write(
    (tx) => tx.notifications.claimOutbox(at, at - outboxLeaseMs, limit, maxAttempts),
    // One statement, atomic on its own: no need for SERIALIZABLE's retries between nodes.
    { readCommitted: true },
  );
  let sent = 0;
  for (const mail of claimed) {
    try {
      await sender.send(mail);
    } catch (error) {
      await store.write((tx) => tx.notifications.markFailed(mail.id, String(error).slice(0, 500)));
      continue;
    }
    await store.write((tx) => tx.notifications.markSent(mail.id, now()));
    sent += 1;
  }
  return sent;
}
