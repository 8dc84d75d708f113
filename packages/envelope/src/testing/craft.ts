/**
 * Builds hostile payloads for tests: an arbitrary tar (any names, types, order, trailing bytes),
 * encrypted properly to the opener, so the outer hash and age layer pass and only the inner checks
 * can catch it — what a malicious sender, or anyone holding a recipient key, could produce.
 */
import { encryptBuffer } from '@cds/crypto';
import { pack as tarPack, type Header } from 'tar-stream';
import { signDetached } from '../jws.js';
import { MANIFEST_FORMAT, MANIFEST_JWS_TYPE, attachmentPath } from '../limits.js';
import type { Manifest } from '../manifest.js';
import { collect, newMessageId, sha256, type Sealed, type TestParty } from './fixtures.js';

export interface CraftEntry {
  readonly name: string;
  readonly body?: Buffer;
  readonly type?: Header['type'];
  readonly linkname?: string;
  readonly pax?: Record<string, string>;
}

export async function tarOf(
  entries: readonly CraftEntry[],
  trailing: Buffer = Buffer.alloc(0),
): Promise<Buffer> {
  const pack = tarPack();
  const out = collect(pack);
  for (const entry of entries) {
    const header: Partial<Header> & { name: string } = { name: entry.name, type: entry.type ?? 'file' };
    if (entry.linkname !== undefined) header.linkname = entry.linkname;
    if (entry.pax) header.pax = entry.pax;
    await new Promise<void>((resolve, reject) => {
      pack.entry(header, entry.body ?? Buffer.alloc(0), (error) => (error ? reject(error) : resolve()));
    });
  }
  pack.finalize();
  return Buffer.concat([await out, trailing]);
}

/** The header block tar-stream writes for an entry, without writing its body. */
export async function tarHeaderBlock(name: string, size: number): Promise<Buffer> {
  const pack = tarPack();
  pack.entry({ name, size, type: 'file', mode: 0o644, mtime: new Date(0) });
  for await (const chunk of pack) {
    pack.destroy();
    return (chunk as Buffer).subarray(0, 512);
  }
  throw new Error('no header');
}

export interface CraftAttachment {
  readonly displayName: string;
  readonly body: Buffer;
  /** What the manifest claims, when it should differ from `body`. */
  readonly claimed?: Buffer;
  readonly mediaType?: string;
}

export function manifestFor(messageId: string, attachments: readonly CraftAttachment[]): Manifest {
  return {
    format: MANIFEST_FORMAT,
    messageId,
    attachments: attachments.map((attachment, i) => {
      const claimed = attachment.claimed ?? attachment.body;
      return {
        path: attachmentPath(i + 1),
        displayName: attachment.displayName,
        size: claimed.length,
        sha256: sha256(claimed),
        mediaType: attachment.mediaType ?? 'application/octet-stream',
      };
    }),
  };
}

/** The standard layout with the given bytes, signed by `signer` (normally the sender). */
export async function standardEntries(
  manifest: unknown,
  attachments: readonly CraftAttachment[],
  signer: TestParty,
): Promise<CraftEntry[]> {
  const json = Buffer.from(JSON.stringify(manifest));
  const jws = await signDetached(json, { kid: signer.kid, privateJwk: signer.privateJwk }, MANIFEST_JWS_TYPE);
  return [
    ...attachments.map((attachment, i) => ({ name: attachmentPath(i + 1), body: attachment.body })),
    { name: 'manifest.json', body: json },
    { name: 'manifest.jws', body: Buffer.from(jws) },
  ];
}

/** A tar built by `build` for a fresh message id, encrypted properly to `parties`. */
export async function craftPayload(
  build: (messageId: string) => Promise<CraftEntry[]>,
  parties: readonly TestParty[],
  trailing?: Buffer,
): Promise<Sealed> {
  const messageId = newMessageId();
  return encryptTo(messageId, await tarOf(await build(messageId), trailing), parties);
}

/** Encrypts a plaintext to the parties; the digest is the new file's, as a lying header would state. */
export async function encryptTo(
  messageId: string,
  plaintext: Buffer,
  parties: readonly TestParty[],
): Promise<Sealed> {
  const payload = await encryptBuffer(
    parties.map((party) => ({ kind: 'x25519', recipient: party.recipient })),
    plaintext,
  );
  return { messageId, payload, digest: { size: payload.length, sha256: sha256(payload) } };
}
