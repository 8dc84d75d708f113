/**
 * What every hostile case is built from: a real bundle taken apart, the same put back together, and
 * the helpers that change one thing in it.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { ErrorCode } from '@cds/domain';
import { MANIFEST_ENTRY } from '../limits.js';
import { craftZip, stored, type CraftEntry } from './craft-zip.js';
import { entriesOf, partsOf, signed, type BaseBundle, type Parts } from './base-bundle.js';

export interface HostileCase {
  readonly name: string;
  readonly expected: ErrorCode;
  readonly stage: 'zip' | 'trust' | 'message';
  readonly bytes: Buffer;
}

export type CaseSpec = Omit<HostileCase, 'stage'> & { readonly stage?: HostileCase['stage'] };

export interface HostileOptions {
  /** A valid party code that is neither the exporter nor the reader. */
  readonly otherParty: string;
}

export interface Kit {
  readonly base: BaseBundle;
  readonly options: HostileOptions;
  readonly parts: Parts;
  /** The bundle's entries in the standard layout, and its bytes. */
  readonly good: CraftEntry[];
  readonly goodBytes: Buffer;
  /** The first message: its id, header and payload. */
  readonly id: string;
  readonly header: string;
  readonly payload: Buffer;
  /** An id that is in no manifest. */
  readonly otherId: string;
  readonly zip: (entries: CraftEntry[], entryCount?: number) => Buffer;
  readonly withManifest: (raw: string | Buffer) => Buffer;
  /** The entries from `change(parts)` with the manifest re-signed by the real signer. */
  readonly resigned: (change: (p: Parts) => Parts, manifest?: BaseBundle['manifest']) => Promise<Buffer>;
}

export function replaceEntry(
  entries: CraftEntry[],
  name: string,
  replacement: CraftEntry | null,
): CraftEntry[] {
  return entries.flatMap((entry) => (entry.name === name ? (replacement ? [replacement] : []) : [entry]));
}

export function flipped(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  const index = Math.min(Math.max(at, 0), copy.length - 1);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

/** The routing header with its claims changed and its old signature kept: a forgery. */
export function forged(header: string): string {
  const [head, body, signature] = header.split('.');
  const fields = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  fields['description'] = 'changed on the way';
  return `${head ?? ''}.${Buffer.from(JSON.stringify(fields)).toString('base64url')}.${signature ?? ''}`;
}

/** A signer claiming the real key id with a key nobody knows. */
export function strangerSigner(kid: string) {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  return { kid, privateJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d } };
}

export async function kitOf(base: BaseBundle, options: HostileOptions): Promise<Kit> {
  const parts = await partsOf(base);
  const good = entriesOf(parts);
  const [first] = base.manifest.messages;
  if (!first) throw new Error('the base bundle has no message');
  const zip = (entries: CraftEntry[], entryCount?: number) =>
    craftZip(entries, entryCount === undefined ? {} : { entryCount });
  return {
    base,
    options,
    parts,
    good,
    goodBytes: craftZip(good),
    id: first.id,
    header: base.headers.get(first.id) ?? '',
    payload: base.payloads.get(first.id) ?? Buffer.alloc(0),
    otherId: '01900000-0000-7000-8000-000000000001',
    zip,
    withManifest: (raw) => zip(replaceEntry(good, MANIFEST_ENTRY, stored(MANIFEST_ENTRY, raw))),
    resigned: async (change, manifest = base.manifest) =>
      zip(entriesOf(change({ ...parts, ...(await signed(manifest, base.signer)) }))),
  };
}
