import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import { createGunzip, createGzip } from 'node:zlib';
import { PRIVATE_FILE_MODE } from '../../lib/private-files';

/**
 * The backup archive: a gzip stream of entries, each `[u32 header length][header JSON][data]`,
 * where the header carries the entry's name, byte size and sha-256. The format is ours (a dozen
 * lines each way) so no archive dependency is needed; every entry is verified when read back.
 */
const MAGIC = Buffer.from('ANAGEN-BACKUP/1\n');

export interface EntryHeader {
  name: string;
  size: number;
  sha256: string;
}

export class ArchiveWriter {
  private readonly gzip = createGzip({ level: 6 });
  private readonly out: fs.WriteStream;
  private readonly done: Promise<unknown>;
  bytesIn = 0;

  constructor(file: string) {
    this.out = fs.createWriteStream(file, { flags: 'wx', mode: PRIVATE_FILE_MODE });
    this.gzip.pipe(this.out);
    this.done = once(this.out, 'close');
    this.out.on('error', () => {});
  }

  private async write(buf: Buffer): Promise<void> {
    this.bytesIn += buf.length;
    if (!this.gzip.write(buf)) await once(this.gzip, 'drain');
  }

  async start(): Promise<void> {
    await this.write(MAGIC);
  }

  async add(name: string, data: Buffer): Promise<void> {
    const header: EntryHeader = {
      name,
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
    };
    const json = Buffer.from(JSON.stringify(header));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(json.length);
    await this.write(Buffer.concat([len, json]));
    // Large entries go in 1 MiB pieces so the gzip stream's back-pressure is respected.
    for (let i = 0; i < data.length; i += 1 << 20) await this.write(data.subarray(i, i + (1 << 20)));
  }

  async finish(): Promise<void> {
    this.gzip.end();
    await this.done;
  }
}

/** Reads entries back in order, checking each one's size and checksum. */
export class ArchiveReader {
  private readonly chunks: AsyncIterator<Buffer>;
  private buf: Buffer = Buffer.alloc(0);
  private ended = false;

  constructor(file: string) {
    this.chunks = fs.createReadStream(file).pipe(createGunzip())[Symbol.asyncIterator]();
  }

  private async fill(n: number): Promise<boolean> {
    const parts = [this.buf];
    let have = this.buf.length;
    while (have < n && !this.ended) {
      const next = await this.chunks.next();
      if (next.done) this.ended = true;
      else {
        parts.push(next.value);
        have += next.value.length;
      }
    }
    this.buf = parts.length > 1 ? Buffer.concat(parts) : this.buf;
    return this.buf.length >= n;
  }

  private async take(n: number, what: string): Promise<Buffer> {
    if (!(await this.fill(n))) throw new Error(`The backup file is truncated (while reading ${what}).`);
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  async start(): Promise<void> {
    let magic: Buffer;
    try {
      magic = await this.take(MAGIC.length, 'the file header');
    } catch {
      throw new Error('This is not an Anagen backup file.');
    }
    if (!magic.equals(MAGIC)) throw new Error('This is not an Anagen backup file (or a newer format).');
  }

  /** The next entry, or null at the end of the archive. */
  async next(): Promise<{ header: EntryHeader; data: Buffer } | null> {
    if (!(await this.fill(1))) return null;
    const len = (await this.take(4, 'an entry header')).readUInt32BE(0);
    if (len > 1 << 20) throw new Error('The backup file is damaged (entry header too large).');
    const header = JSON.parse((await this.take(len, 'an entry header')).toString('utf8')) as EntryHeader;
    const data = Buffer.from(await this.take(header.size, header.name));
    if (createHash('sha256').update(data).digest('hex') !== header.sha256) {
      throw new Error(`The backup file is damaged: ${header.name} does not match its checksum.`);
    }
    return { header, data };
  }
}
