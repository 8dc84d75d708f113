/**
 * The generator of malicious and broken bundles (SPEC §5's refusal list, and then some): each case
 * is a real bundle put back together with one thing wrong, and the reason a reader must give. The
 * bytes are made here at test time, so no binary is committed and each case reads as what it is.
 *
 * `stage` says who catches it: `zip` and `trust` are the bundle package's own checks (structure;
 * destination and signature), `message` needs the routing-header checks of the hub or the node.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { ErrorCode } from '@cds/domain';
import {
  MANIFEST_ENTRY,
  MANIFEST_JWS_ENTRY,
  MAX_BUNDLE_ENTRIES,
  headerEntry,
  payloadEntry,
} from '../limits.js';
import { craftZip, deflated, stored, type CraftEntry } from './craft-zip.js';
import { entriesOf, partsOf, sha256, signed, type BaseBundle, type Parts } from './base-bundle.js';

export interface HostileCase {
  readonly name: string;
  readonly expected: ErrorCode;
  readonly stage: 'zip' | 'trust' | 'message';
  readonly bytes: Buffer;
}

export interface HostileOptions {
  /** A valid party code that is neither the exporter nor the reader. */
  readonly otherParty: string;
}

const SYMLINK = (0o120777 << 16) >>> 0;

function replaceEntry(entries: CraftEntry[], name: string, replacement: CraftEntry | null): CraftEntry[] {
  return entries.flatMap((entry) => (entry.name === name ? (replacement ? [replacement] : []) : [entry]));
}

function flipped(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  const index = Math.min(Math.max(at, 0), copy.length - 1);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

/** The routing header with its claims changed and its old signature kept: a forgery. */
function forged(header: string): string {
  const [head, body, signature] = header.split('.');
  const fields = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  fields['description'] = 'changed on the way';
  return `${head ?? ''}.${Buffer.from(JSON.stringify(fields)).toString('base64url')}.${signature ?? ''}`;
}

function strangerSigner(kid: string) {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  return { kid, privateJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d } };
}

export async function hostileBundles(base: BaseBundle, options: HostileOptions): Promise<HostileCase[]> {
  const parts = await partsOf(base);
  const good = entriesOf(parts);
  const goodBytes = craftZip(good);
  const [first] = base.manifest.messages;
  if (!first) throw new Error('the base bundle has no message');
  const id = first.id;
  const header = base.headers.get(id) ?? '';
  const payload = base.payloads.get(id) ?? Buffer.alloc(0);
  const zip = (entries: CraftEntry[], entryCount?: number) =>
    craftZip(entries, entryCount === undefined ? {} : { entryCount });
  const withManifest = (raw: string | Buffer) =>
    zip(replaceEntry(good, MANIFEST_ENTRY, stored(MANIFEST_ENTRY, raw)));
  const resigned = async (change: (p: Parts) => Parts, manifest = base.manifest) =>
    zip(entriesOf(change({ ...parts, ...(await signed(manifest, base.signer)) })));
  const otherId = '01900000-0000-7000-8000-000000000001';
  const bomb = Buffer.alloc(20 * 1024 * 1024);
  const manifestEntry = good[0] as CraftEntry;
  const follower = good[1] as CraftEntry;
  const span =
    manifestEntry.data.length + 30 + Buffer.byteLength(String(follower.name)) + follower.data.length;
  const stranger = await signed(base.manifest, strangerSigner(base.signer.kid));
  const swapped = Buffer.from(payload.map((byte) => byte ^ 0x5a));

  const cases: Array<Omit<HostileCase, 'stage'> & { stage?: HostileCase['stage'] }> = [
    {
      name: 'a text file, not a zip',
      expected: 'bundle.not_a_bundle',
      bytes: Buffer.from('hello, not a zip\n'),
    },
    { name: 'an empty zip', expected: 'bundle.not_a_bundle', bytes: zip([]) },
    { name: 'a zip without manifest.json', expected: 'bundle.not_a_bundle', bytes: zip(good.slice(1)) },
    {
      name: 'manifest.json of something else',
      expected: 'bundle.not_a_bundle',
      bytes: withManifest('{"hello":1}'),
    },
    {
      name: 'a newer bundle format',
      expected: 'bundle.unsupported_version',
      bytes: withManifest(JSON.stringify({ ...base.manifest, format: 'cds-bundle/2' })),
    },
    {
      name: 'manifest.json that is not JSON',
      expected: 'bundle.manifest_invalid',
      bytes: withManifest('{"format":'),
    },
    {
      name: 'manifest.json without its message list',
      expected: 'bundle.manifest_invalid',
      bytes: withManifest(JSON.stringify({ ...base.manifest, messages: undefined })),
    },
    {
      name: 'a message listed twice',
      expected: 'bundle.duplicate_entry',
      bytes: withManifest(JSON.stringify({ ...base.manifest, messages: [first, first] })),
    },
    { name: 'manifest.json twice', expected: 'bundle.duplicate_entry', bytes: zip([manifestEntry, ...good]) },
    {
      name: 'two names equal but for case',
      expected: 'bundle.duplicate_entry',
      bytes: zip([...good, stored(MANIFEST_ENTRY.toUpperCase(), '{}')]),
    },
    {
      name: 'a name climbing out with ..',
      expected: 'bundle.path_traversal',
      bytes: zip([...good, stored('../../etc/cron.d/evil', 'x')]),
    },
    {
      name: 'a .. inside a name',
      expected: 'bundle.path_traversal',
      bytes: zip([...good, stored(`${id}/../../evil`, 'x')]),
    },
    {
      name: 'an absolute POSIX name',
      expected: 'bundle.absolute_name',
      bytes: zip([...good, stored('/etc/passwd', 'x')]),
    },
    {
      name: 'a Windows drive name',
      expected: 'bundle.absolute_name',
      bytes: zip([...good, stored('C:\\Windows\\evil.dll', 'x')]),
    },
    {
      name: 'a payload that is a symbolic link',
      expected: 'bundle.symlink',
      bytes: zip(
        replaceEntry(
          good,
          payloadEntry(id),
          stored(payloadEntry(id), '/etc/shadow', { externalAttributes: SYMLINK }),
        ),
      ),
    },
    {
      name: 'a control character in a name',
      expected: 'bundle.bad_name',
      bytes: zip([...good, stored(`${id}/header\u0000.jws`, 'x')]),
    },
    {
      name: 'a backslash in a name',
      expected: 'bundle.bad_name',
      bytes: zip([...good, stored(`${id}\\payload.age`, 'x')]),
    },
    {
      name: 'a name that is not UTF-8',
      expected: 'bundle.bad_name',
      bytes: zip([...good, stored(Buffer.from([0xff, 0xfe, 0x41]), 'x')]),
    },
    {
      name: 'an entry the format does not have',
      expected: 'bundle.bad_name',
      bytes: zip([...good, stored('readme.txt', 'hi')]),
    },
    { name: 'a directory entry', expected: 'bundle.bad_name', bytes: zip([...good, stored(`${id}/`, '')]) },
    {
      name: 'an encrypted entry',
      expected: 'bundle.unsupported_feature',
      bytes: zip(replaceEntry(good, headerEntry(id), stored(headerEntry(id), header, { flags: 0x801 }))),
    },
    {
      name: 'a bzip2-compressed entry',
      expected: 'bundle.unsupported_feature',
      bytes: zip(replaceEntry(good, headerEntry(id), stored(headerEntry(id), header, { method: 12 }))),
    },
    {
      name: 'a stored entry claiming more bytes than it holds',
      expected: 'bundle.size_mismatch',
      bytes: zip(
        replaceEntry(
          good,
          headerEntry(id),
          stored(headerEntry(id), header, { uncompressedSize: header.length + 10 }),
        ),
      ),
    },
    {
      name: 'a deflated manifest longer than declared',
      expected: 'bundle.size_mismatch',
      bytes: zip(
        replaceEntry(
          good,
          MANIFEST_ENTRY,
          deflated(MANIFEST_ENTRY, parts.manifestBytes, { uncompressedSize: parts.manifestBytes.length - 5 }),
        ),
      ),
    },
    {
      name: 'a payload shorter than the manifest says',
      expected: 'bundle.size_mismatch',
      bytes: await resigned((p) => p, {
        ...base.manifest,
        messages: base.manifest.messages.map((m) =>
          m.id === id ? { ...m, payloadSize: m.payloadSize + 1 } : m,
        ),
      }),
    },
    {
      name: 'a local header stating other sizes than the directory',
      expected: 'bundle.size_mismatch',
      bytes: zip(
        replaceEntry(
          good,
          headerEntry(id),
          stored(headerEntry(id), header, {
            localSizes: { compressed: header.length, uncompressed: header.length + 1 },
          }),
        ),
      ),
    },
    {
      name: 'a deflate bomb (20 MiB of zeros)',
      expected: 'bundle.compression_bomb',
      bytes: zip(replaceEntry(good, payloadEntry(id), deflated(payloadEntry(id), bomb))),
    },
    {
      name: 'two entries sharing bytes',
      expected: 'bundle.compression_bomb',
      bytes: zip([
        {
          ...manifestEntry,
          compressedSize: span,
          uncompressedSize: span,
          localSizes: { compressed: span, uncompressed: span },
        },
        ...good.slice(1),
      ]),
    },
    {
      name: 'more entries than any bundle has',
      expected: 'bundle.too_many_entries',
      bytes: zip(good, MAX_BUNDLE_ENTRIES + 1),
    },
    {
      name: 'cut short in the middle',
      expected: 'bundle.truncated',
      bytes: goodBytes.subarray(0, Math.floor(goodBytes.length / 2)),
    },
    {
      name: 'its last bytes missing',
      expected: 'bundle.truncated',
      bytes: goodBytes.subarray(0, goodBytes.length - 10),
    },
    {
      name: 'a header over the size limit',
      expected: 'bundle.too_large',
      bytes: zip(
        replaceEntry(good, headerEntry(id), stored(headerEntry(id), Buffer.alloc(600 * 1024, 0x41))),
      ),
    },
    {
      name: 'a damaged deflate stream',
      expected: 'bundle.corrupt',
      bytes: zip(
        replaceEntry(good, MANIFEST_ENTRY, {
          ...deflated(MANIFEST_ENTRY, parts.manifestBytes),
          data: flipped(deflated(MANIFEST_ENTRY, parts.manifestBytes).data, 3),
        }),
      ),
    },
    {
      name: 'local and central names that differ',
      expected: 'bundle.corrupt',
      bytes: zip(
        replaceEntry(
          good,
          headerEntry(id),
          stored(headerEntry(id), header, { localName: Buffer.from(`${otherId}/header.jws`) }),
        ),
      ),
    },
    {
      name: 'a listed message without its payload',
      expected: 'bundle.missing_entry',
      bytes: zip(replaceEntry(good, payloadEntry(id), null)),
    },
    {
      name: 'a payload of a message not in the manifest',
      expected: 'bundle.missing_entry',
      bytes: zip([...good, stored(headerEntry(otherId), header), stored(payloadEntry(otherId), payload)]),
    },
    {
      name: 'no manifest.jws',
      expected: 'bundle.signature_invalid',
      bytes: zip(replaceEntry(good, MANIFEST_JWS_ENTRY, null)),
    },
    {
      name: 'manifest.jws that is not a JWS',
      expected: 'bundle.signature_invalid',
      stage: 'trust',
      bytes: zip(replaceEntry(good, MANIFEST_JWS_ENTRY, stored(MANIFEST_JWS_ENTRY, 'not a signature'))),
    },
    {
      name: 'signed by a key nobody trusts',
      expected: 'bundle.signature_invalid',
      stage: 'trust',
      bytes: zip(entriesOf({ ...parts, ...stranger })),
    },
    {
      name: 'manifest.json changed after signing',
      expected: 'bundle.signature_invalid',
      stage: 'trust',
      bytes: withManifest(JSON.stringify({ ...base.manifest, exportedAt: base.manifest.exportedAt + 1 })),
    },
    {
      name: 'a bundle for another party',
      expected: 'bundle.wrong_party',
      stage: 'trust',
      bytes: await resigned((p) => p, { ...base.manifest, exportedFor: options.otherParty }),
    },
    {
      name: 'a header altered on the way',
      expected: 'bundle.hash_mismatch',
      stage: 'trust',
      bytes: zip(replaceEntry(good, headerEntry(id), stored(headerEntry(id), `${header} `))),
    },
    {
      name: 'a payload altered on the way',
      expected: 'bundle.hash_mismatch',
      stage: 'trust',
      bytes: zip(
        replaceEntry(good, payloadEntry(id), stored(payloadEntry(id), flipped(payload, payload.length - 50))),
      ),
    },
    {
      name: 'a forged routing header, manifest re-signed to match',
      expected: 'envelope.header_signature_invalid',
      stage: 'message',
      bytes: await resigned(
        (p) => ({
          ...p,
          headers: new Map([...p.headers].map(([key, jws]) => [key, key === id ? forged(jws) : jws])),
        }),
        {
          ...base.manifest,
          messages: base.manifest.messages.map((m) =>
            m.id === id ? { ...m, headerSha256: sha256(forged(header)) } : m,
          ),
        },
      ),
    },
    {
      name: 'another payload, manifest re-signed to match',
      expected: 'envelope.payload_hash_mismatch',
      stage: 'message',
      bytes: await resigned(
        (p) => ({
          ...p,
          payloads: new Map([...p.payloads].map(([key, bytes]) => [key, key === id ? swapped : bytes])),
        }),
        {
          ...base.manifest,
          messages: base.manifest.messages.map((m) =>
            m.id === id ? { ...m, payloadSha256: sha256(swapped) } : m,
          ),
        },
      ),
    },
  ];
  return cases.map((entry) => ({ ...entry, stage: entry.stage ?? 'zip' }));
}
