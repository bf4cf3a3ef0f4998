import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../config';
import { migrateToLatest } from '../../db/migrate';
import type { AppDeps } from '../../deps';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/dialects';
import { startSmtpInbox } from '../../test/smtp-inbox';
import { TEST_NOW } from '../../test/test-now';
import { fixedClock } from '../clock';
import { sendMailOnce } from '../mail-outbox';
import { createMailer } from '../mailer';
import { createLocalStorage } from '../storage';
import { claimNextJob, enqueueJob, finishJob } from './jobs.repository';
import { createWorker, DeferJob } from './worker';

describe.each(DIALECTS)('job leases on %s', (dialect) => {
  let t: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpInbox>>;
  const clock = fixedClock(TEST_NOW);
  let deps: AppDeps;
  const lease = (owner: string) => ({ owner, ms: 1000 });
  const jobRow = (id: string) =>
    t.db.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await migrateToLatest(t.db.kysely);
    smtp = await startSmtpInbox();
    const config = testConfig({ dataDir: t.dataDir, smtpUrl: smtp.url, jobLeaseMs: 1000 });
    deps = {
      config,
      db: t.db,
      clock,
      mailer: createMailer({ smtpUrl: smtp.url, from: config.mailFrom, dataDir: t.dataDir }),
      storage: createLocalStorage(t.dataDir),
    };
  });
  afterAll(async () => {
    await smtp.close();
    await t.drop();
  });

  it('gives each due job to exactly one of several workers claiming at once', async () => {
    const ids = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        enqueueJob(t.db.kysely, { kind: 'k', payload: { i }, runAt: clock.now() }, clock.now()),
      ),
    );
    const claimed: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map(async (w) => {
        for (;;) {
          const job = await claimNextJob(t.db, clock.now(), lease(w));
          if (!job) return;
          claimed.push(job.id);
          await finishJob(t.db.kysely, job.id, w);
        }
      }),
    );
    expect(claimed.sort()).toEqual([...ids].sort());
  });

  it('lets another worker take a job whose lease expired, and ignores the late finish of the first', async () => {
    const id = (await enqueueJob(t.db.kysely, { kind: 'k', payload: {}, runAt: clock.now() }, clock.now()))!;
    expect((await claimNextJob(t.db, clock.now(), lease('dead')))?.id).toBe(id);
    expect(await claimNextJob(t.db, clock.now(), lease('live'))).toBeNull();
    clock.advance(1001);
    const retried = await claimNextJob(t.db, clock.now(), lease('live'));
    expect(retried).toMatchObject({ id, attempts: 2, lease_owner: 'live' });
    await finishJob(t.db.kysely, id, 'dead'); // the first worker wakes up: changes nothing
    expect(await jobRow(id)).toMatchObject({ status: 'running', lease_owner: 'live' });
    await finishJob(t.db.kysely, id, 'live');
    expect(await jobRow(id)).toMatchObject({ status: 'done', lease_owner: null });
  });

  it('puts a deferred job back without counting the attempt', async () => {
    const id = (await enqueueJob(
      t.db.kysely,
      { kind: 'busy', payload: {}, runAt: clock.now() },
      clock.now(),
    ))!;
    const worker = createWorker(deps, {
      busy: async () => {
        throw new DeferJob(3000, 'slot busy');
      },
    });
    expect(await worker.runDueJobs()).toBe(1);
    expect(await jobRow(id)).toMatchObject({ status: 'queued', attempts: 0, run_at: clock.now() + 3000 });
    await worker.stop();
    await t.db.kysely.updateTable('jobs').set({ status: 'done' }).where('id', '=', id).execute();
  });

  it('on stop, waits for the current job up to the grace period, then gives it back to the queue', async () => {
    const id = (await enqueueJob(
      t.db.kysely,
      { kind: 'slow', payload: {}, runAt: clock.now() },
      clock.now(),
    ))!;
    let release!: () => void;
    const worker = createWorker(deps, { slow: () => new Promise<void>((r) => (release = r)) });
    const run = worker.runDueJobs();
    while (!release) await new Promise((r) => setTimeout(r, 10));
    await worker.stop(100);
    expect(await jobRow(id)).toMatchObject({ status: 'queued', lease_owner: null, attempts: 0 });
    release();
    await run;
    expect((await jobRow(id)).status).toBe('queued'); // the late finish does not mark it done
  });

  it('sends a mail once per idempotency key, with one Message-ID, across retries', async () => {
    const before = smtp.inbox.length;
    const message = { to: 'clinic@example.com', subject: 'Once only', text: 'hello' };
    const first = await sendMailOnce(deps, `test:${dialect}`, message);
    const second = await sendMailOnce(deps, `test:${dialect}`, message);
    expect(first.alreadySent).toBe(false);
    expect(second).toMatchObject({ alreadySent: true, messageId: first.messageId });
    await smtp.waitForMail('clinic@example.com', /Once only/, before);
    expect(smtp.inbox.slice(before).filter((m) => m.subject === 'Once only')).toHaveLength(1);
    const row = await t.db.kysely
      .selectFrom('mail_outbox')
      .selectAll()
      .where('idempotency_key', '=', `test:${dialect}`)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, message_id: first.messageId });
  });
});
