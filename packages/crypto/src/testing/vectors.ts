/** Reads the C2SP CCTV age test vectors shipped in the cctv-age package (format: its README). */
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import * as cctv from 'cctv-age';

export type Expectation =
  'success' | 'no match' | 'HMAC failure' | 'header failure' | 'payload failure' | 'armor failure';

export interface AgeVector {
  readonly name: string;
  readonly expect: Expectation;
  readonly payloadSha256: string | undefined;
  readonly identities: readonly string[];
  readonly passphrases: readonly string[];
  readonly armored: boolean;
  readonly file: Buffer;
}

const EXPECTATIONS: readonly string[] = [
  'success',
  'no match',
  'HMAC failure',
  'header failure',
  'payload failure',
  'armor failure',
];

function parseVector(name: string, bytes: Uint8Array): AgeVector {
  const raw = Buffer.from(bytes);
  const split = raw.indexOf('\n\n');
  const fields = raw
    .toString('utf8', 0, split)
    .split('\n')
    .map((line) => {
      const at = line.indexOf(': ');
      return [line.slice(0, at), line.slice(at + 2)] as const;
    });
  const all = (key: string): string[] => fields.filter(([k]) => k === key).map(([, v]) => v);
  const known = [
    'expect',
    'payload',
    'file key',
    'identity',
    'passphrase',
    'armored',
    'compressed',
    'comment',
  ];
  const unknown = fields.filter(([k]) => !known.includes(k));
  if (unknown.length) {
    throw new Error(`vector ${name} has unknown keys ${unknown.map(([k]) => k).join(', ')}`);
  }
  const expect = all('expect')[0] ?? '';
  if (!EXPECTATIONS.includes(expect)) throw new Error(`vector ${name}: unknown expectation ${expect}`);
  const body = raw.subarray(split + 2);
  const compressed = all('compressed')[0];
  if (compressed !== undefined && compressed !== 'zlib') {
    throw new Error(`vector ${name}: compression ${compressed}`);
  }
  return {
    name,
    expect: expect as Expectation,
    payloadSha256: all('payload')[0],
    identities: all('identity'),
    passphrases: all('passphrase'),
    armored: all('armored')[0] === 'yes',
    file: compressed === 'zlib' ? inflateSync(body) : Buffer.from(body),
  };
}

export function loadAgeVectors(): AgeVector[] {
  return Object.entries(cctv as unknown as Record<string, Uint8Array>)
    .filter(([name]) => name !== 'default')
    .map(([name, bytes]) => parseVector(name, bytes))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
