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
  /** The token of the newest `page?token=` link mailed to `to`. */
  linkToken(to: string, page: string): string;
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
    linkToken(to, page) {
      const mail = [...inbox].reverse().find((m) => m.to.includes(to) && m.text.includes(`/${page}?token=`));
      const match = new RegExp(`/${page}\\?token=([\\w%-]+)`).exec(mail?.text ?? '');
      if (!match) throw new Error(`no ${page} link mailed to ${to}`);
      return decodeURIComponent(match[1]!);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
