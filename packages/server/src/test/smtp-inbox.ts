import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  /** The text body, quoted-printable undone. */
  text: string;
}

/** A real SMTP server on loopback that keeps what it receives, for tests of mailed links. */
export async function startSmtpInbox(): Promise<{
  url: string;
  inbox: ReceivedMail[];
  /**
   * The token of the newest `page?token=` link mailed to `to` among mails after the first `after`,
   * waiting a little: account mails are sent in the background, after the response.
   */
  linkToken(to: string, page: string, after?: number): Promise<string>;
  /** Waits until a mail to `to` whose subject matches arrives (after the first `after` mails). */
  waitForMail(to: string, subject: RegExp, after?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}> {
  const inbox: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8').replace(/\r\n/g, '\n');
        const [head = '', ...rest] = raw.split('\n\n');
        const subject = (/^Subject: (.*(?:\n[ \t].*)*)/m.exec(head)?.[1] ?? '').replace(/\n[ \t]/g, ' ');
        const body = rest.join('\n\n');
        const text = /quoted-printable/i.test(head)
          ? body
              .replace(/=\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
          : body;
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), subject, text });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    async linkToken(to, page, after = 0) {
      const pattern = new RegExp(`/${page}\\?token=([\\w%-]+)`);
      const mail = await waitFor(
        () =>
          inbox
            .slice(after)
            .reverse()
            .find((m) => m.to.includes(to) && pattern.test(m.text)),
        `a ${page} link mailed to ${to}`,
      );
      return decodeURIComponent(pattern.exec(mail.text)![1]!);
    },
    waitForMail: (to, subject, after = 0) =>
      waitFor(
        () =>
          inbox
            .slice(after)
            .reverse()
            .find((m) => m.to.includes(to) && subject.test(m.subject)),
        `a mail "${subject}" to ${to}`,
      ),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function waitFor<T>(find: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} within 5 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
