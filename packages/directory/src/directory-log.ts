import { createHash } from 'node:crypto';
import { CompactSign, compactVerify, importJWK, type JWK } from 'jose';
import { z } from 'zod';
import { AppError } from '@cds/domain';

/**
 * The hub's directory (SPEC §2.3): an append-only log of key statements and revocations. Each entry
 * names the hash of the one before it and is signed by the hub, so a node that has seen entry N can
 * tell if the hub later rewrites anything before N, and every statement inside is signed by its
 * party's own key, so the hub cannot invent a key either.
 */
export const GENESIS_HASH = '0'.repeat(64);

const generalJws = z.object({
  payload: z.string(),
  signatures: z.array(z.object({ protected: z.string(), signature: z.string() })).min(1),
});

/**
 * Entries: `key` (a key statement; at registration also the transport key the party signs requests
 * and receipts with), `transport` (a transport key rotation, signed by the previous transport key)
 * and `revoke`. Optional fields are left out when absent, so older entries hash as they always did.
 */
export const directoryEntryBodySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('key'),
    party: z.string(),
    role: z.enum(['school', 'agency']),
    statement: generalJws,
    transport: z.object({ kid: z.string(), x: z.string() }).optional(),
  }),
  z.object({ kind: z.literal('transport'), party: z.string(), rotation: z.string() }),
  z.object({ kind: z.literal('revoke'), party: z.string(), reason: z.string() }),
]);

export type DirectoryEntryBody = z.infer<typeof directoryEntryBodySchema>;

export interface DirectoryEntry {
  readonly seq: number;
  readonly at: number;
  readonly prevHash: string;
  readonly body: DirectoryEntryBody;
  readonly hash: string;
  /** Compact JWS by the hub key over {seq, hash}. */
  readonly signature: string;
}

/** Canonical bytes: fixed key order, so every implementation hashes the same thing. */
export function entryHash(seq: number, at: number, prevHash: string, body: DirectoryEntryBody): string {
  const canonical = JSON.stringify({ seq, at, prevHash, body: directoryEntryBodySchema.parse(body) });
  return createHash('sha256').update(canonical).digest('hex');
}

export async function signDirectoryEntry(
  seq: number,
  at: number,
  prevHash: string,
  body: DirectoryEntryBody,
  hubKey: { kid: string; privateJwk: JWK },
): Promise<DirectoryEntry> {
  const hash = entryHash(seq, at, prevHash, body);
  const signature = await new CompactSign(new TextEncoder().encode(JSON.stringify({ seq, hash })))
    .setProtectedHeader({ alg: 'EdDSA', kid: hubKey.kid, typ: 'cds-directory+jws' })
    .sign(await importJWK(hubKey.privateJwk, 'EdDSA'));
  return { seq, at, prevHash, body, hash, signature };
}

/**
 * Verifies a run of entries continuing from `after` (the last verified entry, or the genesis):
 * consecutive sequence numbers, each hash recomputed, each link to the previous hash, each hub
 * signature. Returns the new head. Any break is directory.log_invalid naming the entry and check.
 */
export async function verifyDirectoryEntries(
  entries: readonly DirectoryEntry[],
  after: { seq: number; hash: string },
  hubPublicJwk: JWK,
): Promise<{ seq: number; hash: string }> {
  const hubKey = await importJWK({ ...hubPublicJwk, alg: 'EdDSA' }, 'EdDSA');
  let head = after;
  for (const entry of entries) {
    const fail = (check: string): never => {
      throw new AppError('directory.log_invalid', { seq: entry.seq, detail: check });
    };
    if (entry.seq !== head.seq + 1) fail(`sequence (expected ${head.seq + 1})`);
    if (entry.prevHash !== head.hash) fail('link to the previous entry');
    if (entryHash(entry.seq, entry.at, entry.prevHash, entry.body) !== entry.hash) fail('entry hash');
    try {
      const { payload } = await compactVerify(entry.signature, hubKey);
      const signed = JSON.parse(new TextDecoder().decode(payload)) as { seq?: number; hash?: string };
      if (signed.seq !== entry.seq || signed.hash !== entry.hash) fail('hub signature covers another entry');
    } catch (error) {
      if (error instanceof AppError) throw error;
      fail('hub signature');
    }
    head = { seq: entry.seq, hash: entry.hash };
  }
  return head;
}
