/**
 * A real bundle taken apart, so the hostile-bundle generator can put it back together with one
 * thing wrong: its manifest, headers and payloads, and the signer that made it.
 */
import { createHash } from 'node:crypto';
import type { BundleSigner } from '../manifest-jws.js';
import { signManifest } from '../manifest-jws.js';
import { serialiseManifest, type BundleManifest } from '../manifest.js';
import { MANIFEST_ENTRY, MANIFEST_JWS_ENTRY, headerEntry, payloadEntry } from '../limits.js';
import { openBundle } from '../read-bundle.js';
import { stored, type CraftEntry } from './craft-zip.js';

export interface BaseBundle {
  readonly manifest: BundleManifest;
  readonly headers: ReadonlyMap<string, string>;
  readonly payloads: ReadonlyMap<string, Buffer>;
  readonly signer: BundleSigner;
}

export async function readBaseBundle(path: string, signer: BundleSigner): Promise<BaseBundle> {
  const bundle = await openBundle(path);
  try {
    const headers = new Map<string, string>();
    const payloads = new Map<string, Buffer>();
    for (const { id } of bundle.manifest.messages) {
      headers.set(id, await bundle.header(id));
      const chunks: Buffer[] = [];
      for await (const chunk of await bundle.payload(id)) chunks.push(chunk as Buffer);
      payloads.set(id, Buffer.concat(chunks));
    }
    return { manifest: bundle.manifest, headers, payloads, signer };
  } finally {
    bundle.close();
  }
}

export const sha256 = (bytes: Buffer | string): string =>
  createHash('sha256')
    .update(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes)
    .digest('hex');

export interface Parts {
  readonly manifestBytes: Buffer;
  readonly jws: string;
  readonly headers: ReadonlyMap<string, string>;
  readonly payloads: ReadonlyMap<string, Buffer>;
}

/** The manifest re-signed after a change, as a meddler holding the signer's key would. */
export async function signed(
  manifest: BundleManifest,
  signer: BundleSigner,
): Promise<{ manifestBytes: Buffer; jws: string }> {
  const manifestBytes = serialiseManifest(manifest);
  return { manifestBytes, jws: await signManifest(manifestBytes, signer) };
}

export async function partsOf(base: BaseBundle): Promise<Parts> {
  return { ...(await signed(base.manifest, base.signer)), headers: base.headers, payloads: base.payloads };
}

/** The standard layout: manifest.json, manifest.jws, then each message's header and payload. */
export function entriesOf(parts: Parts): CraftEntry[] {
  const entries = [
    stored(MANIFEST_ENTRY, parts.manifestBytes),
    stored(MANIFEST_JWS_ENTRY, Buffer.from(parts.jws, 'latin1')),
  ];
  for (const [id, header] of parts.headers) {
    entries.push(stored(headerEntry(id), Buffer.from(header, 'latin1')));
    const payload = parts.payloads.get(id);
    if (payload) entries.push(stored(payloadEntry(id), payload));
  }
  return entries;
}
