import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-files';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: string | Buffer; contentType: string }[];
  /** A fixed Message-ID (`<id@host>`): every retry of one logical message carries the same one. */
  messageId?: string;
}

export interface MailResult {
  /** The server's answer (SMTP) or where the message was written (outbox). */
  response: string;
  messageId: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<MailResult>;
}

export const OUTBOX_RESPONSE = 'Saved in the server outbox: no mail server is set up, so it was not sent';

/** SMTP when `SMTP_URL` is set; otherwise each message is written to `<dataDir>/outbox/*.eml`. */
export function createMailer(opts: { smtpUrl?: string | undefined; from: string; dataDir: string }): Mailer {
  if (opts.smtpUrl) {
    const transport = nodemailer.createTransport(opts.smtpUrl);
    return {
      async send(m) {
        const info = await transport.sendMail({ from: opts.from, ...m });
        return { response: String(info.response ?? 'sent'), messageId: info.messageId };
      },
    };
  }
  const outbox = path.join(opts.dataDir, 'outbox');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(m) {
      const info = await transport.sendMail({ from: opts.from, ...m });
      fs.mkdirSync(outbox, { recursive: true, mode: PRIVATE_DIR_MODE });
      const safe = m.to.replace(/[^a-z0-9@.-]/gi, '_');
      const file = path.join(outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${safe}.eml`);
      fs.writeFileSync(file, info.message as Buffer, { mode: PRIVATE_FILE_MODE });
      console.log(`[mail] no SMTP_URL set: wrote "${m.subject}" for ${m.to} to ${file}`);
      // The answer is shown to staff with the delivery: it says what happened, never where on
      // the server (the file's path is in the server log above for whoever runs it).
      return { response: OUTBOX_RESPONSE, messageId: info.messageId };
    },
  };
}

/**
 * A delivery's stored server answer as staff may read it: rows written before the outbox stopped
 * naming its file ("written to /srv/…/outbox/….eml") read as the outbox message, and any other
 * absolute path is cut out.
 */
export function mailResponseForPeople(response: string | null): string | null {
  if (response === null) return null;
  if (/^written to /.test(response)) return OUTBOX_RESPONSE;
  return response.replace(/(^|[\s"'(=])(\/[^\s"')]+)+/g, '$1[path removed]');
}
