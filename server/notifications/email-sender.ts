import nodemailer from 'nodemailer';
import type { Sqlite } from '../db/open-database.ts';

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

/**
 * Sends what waits in the outbox, oldest first. A failure is recorded and retried on later
 * passes, up to five attempts; a sent row is marked, never deleted (it is the record).
 */
export async function deliverOutbox(
  sqlite: Sqlite,
  sender: EmailSender,
  now: () => number,
  limit = 50,
): Promise<number> {
  const pending = sqlite
    .prepare(
      'select id, "to", subject, body from email_outbox where sent_at is null and attempts < 5 order by id limit ?',
    )
    .all(limit) as (Email & { id: number })[];
  let sent = 0;
  for (const mail of pending) {
    try {
      await sender.send(mail);
      sqlite
        .prepare('update email_outbox set sent_at = ?, attempts = attempts + 1 where id = ?')
        .run(now(), mail.id);
      sent += 1;
    } catch (error) {
      sqlite
        .prepare('update email_outbox set attempts = attempts + 1, last_error = ? where id = ?')
        .run(String(error).slice(0, 500), mail.id);
    }
  }
  return sent;
}
