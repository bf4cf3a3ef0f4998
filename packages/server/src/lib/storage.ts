import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-files';

/**
 * Where photo and document files live, by key (`photos/<id>.jpg`). Every app server of a clinic
 * must reach the same store: the data directory on a shared filesystem, or (a module still to
 * write) an S3-compatible bucket. An implementation needs only these four operations: `put` must
 * be atomic (a reader never sees half a file), `get` answers null for a missing key, `delete` of a
 * missing key is not an error, and `list` returns every key (backups walk it).
 */
export interface Storage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
  /** Every stored key (for backups). */
  list(): Promise<string[]>;
}

/**
 * The store named by `ANAGEN_PHOTO_STORE` (config.photoStore): a `file://` directory, by default
 * `<ANAGEN_DATA_DIR>/files`. An `s3://bucket/prefix` store would be one more branch here returning
 * an object with the same four methods.
 */
export function openPhotoStore(config: { dataDir: string; photoStore: string | undefined }): Storage {
  const url = config.photoStore;
  if (!url) return createLocalStorage(path.join(config.dataDir, 'files'));
  return createLocalStorage(fileURLToPath(url));
}

const KEY = /^[a-z0-9][a-z0-9/_.-]*$/i;

export function createLocalStorage(root: string): Storage {
  const resolve = (key: string) => {
    if (!KEY.test(key) || key.includes('..')) throw new Error(`invalid storage key: ${key}`);
    return path.join(root, key);
  };
  return {
    async put(key, data) {
      const file = resolve(key);
      await fs.mkdir(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
      // Write then rename, so a crash never leaves a half-written file under the final name.
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, data, { mode: PRIVATE_FILE_MODE });
      await fs.rename(tmp, file);
    },
    async get(key) {
      try {
        return await fs.readFile(resolve(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async delete(key) {
      await fs.rm(resolve(key), { force: true });
    },
    async list() {
      try {
        const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
        return entries
          .filter((e) => e.isFile() && !e.name.endsWith('.tmp'))
          .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
    },
  };
}
