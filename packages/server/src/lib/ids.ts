import { createHash, randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/** An unguessable token (256 bits, base64url) for cookies and manage links. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Tokens are stored only as hashes, so a leaked database does not leak live sessions. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');
