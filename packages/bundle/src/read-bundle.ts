/**
 * Opens a bundle and checks its shape against its manifest (SPEC §5) before anyone looks at a
 * message: exactly manifest.json, manifest.jws and a header and a payload for each listed message,
 * with the sizes the manifest states. The signature is the caller's to verify (the hub and a node
 * trust different keys); hashes are checked as the entries are read.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppError } from '@cds/domain';
import {
  HEADER_FILE,
  MANIFEST_ENTRY,
  MANIFEST_JWS_ENTRY,
  MAX_HEADER_BYTES,
  MAX_MANIFEST_BYTES,
  MAX_MANIFEST_JWS_BYTES,
  MAX_PAYLOAD_BYTES,
  PAYLOAD_FILE,
  headerEntry,
  payloadEntry,
} from './limits.js';
import { parseManifest, type BundleManifest, type BundleMessage } from './manifest.js';
import { shown } from './entry-checks.js';
import { manifestSignerKid, verifyManifest } from './manifest-jws.js';
import { openZip, type ZipIndex } from './read-zip.js';

const MESSAGE_ENTRY = /^([0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})\/([a-z.]+)$/;

export interface OpenedBundle {
  readonly manifest: BundleManifest;
  /** The exact bytes manifest.jws signs. */
  readonly manifestBytes: Buffer;
  readonly manifestJws: string;
  /** The routing header JWS of a listed message, its SHA-256 checked against the manifest. */
  header(id: string): Promise<string>;
  /** The payload's bytes, exactly the size the manifest states; the caller hashes them. */
  payload(id: string): Promise<Readable>;
  /** Streams the payload through SHA-256 and insists on the manifest's digest. */
  checkPayload(id: string): Promise<void>;
  close(): void;
}

function maxEntryBytes(name: string): number {
  if (name === MANIFEST_ENTRY) return MAX_MANIFEST_BYTES;
  if (name === MANIFEST_JWS_ENTRY) return MAX_MANIFEST_JWS_BYTES;
  if (name.endsWith(`/${HEADER_FILE}`)) return MAX_HEADER_BYTES;
  return MAX_PAYLOAD_BYTES;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every entry is one the format names, and every listed message has both of its entries. */
function checkShape(zip: ZipIndex, manifest: BundleManifest): Map<string, BundleMessage> {
  const listed = new Map(manifest.messages.map((message) => [message.id, message]));
  for (const name of zip.entries.keys()) {
    if (name === MANIFEST_ENTRY || name === MANIFEST_JWS_ENTRY) continue;
    const match = MESSAGE_ENTRY.exec(name);
    if (!match || (match[2] !== HEADER_FILE && match[2] !== PAYLOAD_FILE)) {
      throw new AppError('bundle.bad_name', { entry: shown(name), detail: 'a bundle holds no such entry' });
    }
    if (!listed.has(match[1] ?? '')) {
      throw new AppError('bundle.missing_entry', { detail: `${shown(name)} is not listed in manifest.json` });
    }
  }
  for (const message of manifest.messages) {
    for (const name of [headerEntry(message.id), payloadEntry(message.id)]) {
      if (!zip.entries.has(name)) {
        throw new AppError('bundle.missing_entry', {
          detail: `manifest.json lists ${name}, which is missing`,
        });
      }
    }
    const payload = zip.entries.get(payloadEntry(message.id));
    if (payload && payload.size !== message.payloadSize) {
      throw new AppError('bundle.size_mismatch', {
        entry: payloadEntry(message.id),
        detail: `${payload.size} bytes in the zip, ${message.payloadSize} in manifest.json`,
      });
    }
  }
  return listed;
}

export async function openBundle(path: string): Promise<OpenedBundle> {
  const zip = await openZip(path, { maxEntryBytes });
  try {
    if (!zip.entries.has(MANIFEST_ENTRY)) {
      throw new AppError('bundle.not_a_bundle', { detail: 'it has no manifest.json' });
    }
    const manifestBytes = await zip.read(MANIFEST_ENTRY);
    const manifest = parseManifest(manifestBytes);
    if (!zip.entries.has(MANIFEST_JWS_ENTRY)) {
      throw new AppError('bundle.signature_invalid', { detail: 'it has no manifest.jws' });
    }
    const manifestJws = (await zip.read(MANIFEST_JWS_ENTRY)).toString('latin1');
    const listed = checkShape(zip, manifest);
    const messageOf = (id: string): BundleMessage => {
      const message = listed.get(id);
      if (!message) throw new AppError('bundle.missing_entry', { detail: `message ${id} is not listed` });
      return message;
    };
    return {
      manifest,
      manifestBytes,
      manifestJws,
      async header(id) {
        const bytes = await zip.read(headerEntry(messageOf(id).id));
        if (sha256(bytes) !== messageOf(id).headerSha256) {
          throw new AppError('bundle.hash_mismatch', { entry: headerEntry(id) });
        }
        return bytes.toString('latin1');
      },
      payload: (id) => zip.stream(payloadEntry(messageOf(id).id)),
      async checkPayload(id) {
        const hash = createHash('sha256');
        for await (const chunk of await zip.stream(payloadEntry(messageOf(id).id)))
          hash.update(chunk as Buffer);
        if (hash.digest('hex') !== messageOf(id).payloadSha256) {
          throw new AppError('bundle.hash_mismatch', { entry: payloadEntry(id) });
        }
      },
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}

/** The bundle must be of this kind and for this reader (an upload bundle is for the hub). */
export function checkDestination(
  bundle: OpenedBundle,
  expected: { readonly kind: BundleManifest['kind']; readonly reader: string },
): void {
  const { kind, exportedFor } = bundle.manifest;
  if (kind !== expected.kind || exportedFor !== expected.reader) {
    throw new AppError('bundle.wrong_party', { expected: exportedFor, actual: expected.reader });
  }
}

/**
 * manifest.jws by the key the reader trusts for the exporter: its kid names that key and the
 * manifest's signerKid agrees, and the signature covers the manifest's exact bytes.
 */
export async function verifyBundleSignature(
  bundle: OpenedBundle,
  key: { readonly kid: string; readonly x: string },
): Promise<void> {
  const kid = manifestSignerKid(bundle.manifestJws);
  if (kid !== key.kid || bundle.manifest.signerKid !== key.kid) {
    throw new AppError('bundle.signature_invalid', {
      detail: `signed by ${kid}, not by ${key.kid} as the reader expects`,
    });
  }
  await verifyManifest(bundle.manifestBytes, bundle.manifestJws, key);
}
