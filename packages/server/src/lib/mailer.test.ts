import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMailer, mailResponseForPeople, OUTBOX_RESPONSE } from './mailer';

describe('what staff read about a sent message', () => {
  it('says the outbox kept the message without naming a server path', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anagen-mailer-'));
    try {
      const mailer = createMailer({ from: 'clinic@example.com', dataDir: dir });
      const res = await mailer.send({ to: 'p@example.com', subject: 'Hello', text: 'Hi' });
      expect(res.response).toBe(OUTBOX_RESPONSE);
      expect(res.response).not.toContain(dir);
      expect(fs.readdirSync(path.join(dir, 'outbox'))).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hides paths in answers stored before, and keeps an SMTP answer as it was', () => {
    expect(mailResponseForPeople('written to /srv/anagen/data/outbox/2026-x-p@example.com.eml')).toBe(
      OUTBOX_RESPONSE,
    );
    expect(mailResponseForPeople('250 2.0.0 Ok: queued as 12345')).toBe('250 2.0.0 Ok: queued as 12345');
    expect(mailResponseForPeople('failed to open /var/lib/anagen/x.eml')).toBe(
      'failed to open [path removed]',
    );
    expect(mailResponseForPeople(null)).toBeNull();
  });
});
