/**
 * A small signed bundle made with the real writer, for the package's own tests: fake routing headers
 * (the bundle layer does not read them) and random payloads, signed by a fresh Ed25519 key.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { BundleSigner } from '../manifest-jws.js';
import { writeBundle, type WrittenBundle } from '../write-bundle.js';
import { sha256 } from './base-bundle.js';

export const SAMPLE_IDS = ['0190f0a0-0000-7000-8000-00000000000a', '0190f0a0-0000-7000-8000-00000000000b'];

export function sampleSigner(kid = 't-sample'): BundleSigner & { x: string } {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  return { kid, x: jwk.x ?? '', privateJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d } };
}

export async function writeSampleBundle(
  signer: BundleSigner,
  dir?: string,
): Promise<WrittenBundle & { payloads: Map<string, Buffer>; headers: Map<string, string> }> {
  const root = dir ?? (await mkdtemp(join(tmpdir(), 'cds-bundle-')));
  const payloads = new Map(SAMPLE_IDS.map((id, i) => [id, randomBytes(3000 + i * 500)]));
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const headers = new Map(SAMPLE_IDS.map((id) => [id, `${b64({ alg: 'EdDSA' })}.${b64({ id })}.c2ln`]));
  const written = await writeBundle({
    kind: 'delivery',
    exportedBy: 'hub',
    exportedFor: '123456',
    exportedAt: Date.UTC(2026, 8, 1),
    signer,
    out: join(root, 'sample.zip'),
    messages: SAMPLE_IDS.map((id) => ({
      id,
      headerJws: headers.get(id) ?? '',
      payloadSize: payloads.get(id)?.length ?? 0,
      payloadSha256: sha256(payloads.get(id) ?? Buffer.alloc(0)),
      openPayload: () => Promise.resolve(Readable.from([payloads.get(id) ?? Buffer.alloc(0)])),
    })),
  });
  return { ...written, payloads, headers };
}
