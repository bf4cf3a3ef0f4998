import fs from 'node:fs';

// Patient data on disk (database, photos, outgoing mail, backups) is readable by the server's own
// user only: other accounts on the machine (a shared host, a compromised service) get nothing.
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and parents) owner-only; tightens it when it already exists with wider rights. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
}
