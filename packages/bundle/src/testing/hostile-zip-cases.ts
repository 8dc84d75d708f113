/**
 * Hostile bundles that attack the zip itself: names (traversal, absolute, control characters,
 * encodings), entry types, features, sizes that lie, bombs, truncation and damage. The reader must
 * refuse each before it trusts a byte of content.
 */
import { MANIFEST_ENTRY, MAX_BUNDLE_ENTRIES, headerEntry, payloadEntry } from '../limits.js';
import { deflated, stored, type CraftEntry } from './craft-zip.js';
import { flipped, replaceEntry, type CaseSpec, type Kit } from './hostile-kit.js';

const SYMLINK = (0o120777 << 16) >>> 0;

export function zipCases(kit: Kit): CaseSpec[] {
  const { good, goodBytes, id, header, otherId, parts, zip } = kit;
  const bomb = Buffer.alloc(20 * 1024 * 1024);
  const manifestEntry = good[0] as CraftEntry;
  const follower = good[1] as CraftEntry;
  const span =
    manifestEntry.data.length + 30 + Buffer.byteLength(String(follower.name)) + follower.data.length;
  return [
    { name: 'an empty zip', expected: 'bundle.not_a_bundle', bytes: zip([]) },
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
  ];
}
