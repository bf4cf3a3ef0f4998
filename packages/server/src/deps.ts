import type { Config } from './config';
import type { Db } from './db/database';
import type { Clock } from './lib/clock';
import type { Mailer } from './lib/mailer';
import type { Storage } from './lib/storage';

/**
 * What the app is built from, and what every use case takes as `deps`. It has a file of its own so
 * use cases, jobs and lib code can name it without importing the HTTP app that is built from it.
 */
export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  mailer: Mailer;
  storage: Storage;
  /** Where request logs go (stdout when absent); tests read what was logged. */
  logStream?: NodeJS.WritableStream;
  /** Set by main.ts: while `draining` (SIGTERM) the ready probe answers 503 so traffic moves away. */
  lifecycle?: { draining: boolean };
}
