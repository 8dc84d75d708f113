/**
 * Hostile bundles that are sound zips with wrong content: not a bundle, another format version,
 * a manifest that lies or does not parse, a missing or forged signature, another destination,
 * altered headers and payloads, and forgeries only the routing-header checks can catch.
 */
import { MANIFEST_JWS_ENTRY, headerEntry, payloadEntry } from '../limits.js';
import { stored } from './craft-zip.js';
import { entriesOf, sha256, signed } from './base-bundle.js';
import { flipped, forged, replaceEntry, strangerSigner, type CaseSpec, type Kit } from './hostile-kit.js';

export async function contentCases(kit: Kit): Promise<CaseSpec[]> {
  const { base, good, id, header, payload, otherId, parts, zip, withManifest, resigned } = kit;
  const [first] = base.manifest.messages;
  const stranger = await signed(base.manifest, strangerSigner(base.signer.kid));
  const swapped = Buffer.from(payload.map((byte) => byte ^ 0x5a));
  return [
    {
      name: 'a text file, not a zip',
      expected: 'bundle.not_a_bundle',
      bytes: Buffer.from('hello, not a zip\n'),
    },
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
      bytes: await resigned((p) => p, { ...base.manifest, exportedFor: kit.options.otherParty }),
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
}
