import { describe, expect, it } from 'vitest';
import type { GeneralJWS } from 'jose';
import { AppError } from '@cds/domain';
import {
  generateEd25519,
  generateMessageKey,
  publicPartOf,
  signKeyStatement,
  statementFor,
  type KeyringEntry,
} from '@cds/keys';
import {
  GENESIS_HASH,
  signDirectoryEntry,
  verifyDirectoryEntries,
  type DirectoryEntry,
  type DirectoryEntryBody,
} from './directory-log.js';
import type { KnownKey } from '@cds/domain';
import { applyDirectoryEntries, sealingKeyFor } from './directory-view.js';
import { hashRegistrationCode, newRegistrationCode, normaliseRegistrationCode } from './registration-code.js';

const T0 = Date.parse('2026-09-01T00:00:00Z');
const hub = (() => {
  const pair = generateEd25519();
  return { kid: 'hub-1', privateJwk: pair.privateJwk, publicJwk: pair.publicJwk };
})();

async function statement(
  party: string,
  entry: KeyringEntry,
  previous: KeyringEntry | null,
  recovery = false,
): Promise<GeneralJWS> {
  const signers = [{ kid: entry.kid, privateJwk: entry.ed25519 }];
  if (previous) signers.push({ kid: previous.kid, privateJwk: previous.ed25519 });
  return signKeyStatement(
    statementFor(party, publicPartOf(entry), T0, previous?.kid ?? null, recovery),
    signers,
  );
}

async function log(bodies: DirectoryEntryBody[]): Promise<DirectoryEntry[]> {
  const entries: DirectoryEntry[] = [];
  let head = { seq: 0, hash: GENESIS_HASH };
  for (const body of bodies) {
    const entry = await signDirectoryEntry(head.seq + 1, T0 + head.seq, head.hash, body, hub);
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
  }
  return entries;
}

function codeOf(error: unknown): string {
  return error instanceof AppError ? `${error.code}:${String(error.details['detail'] ?? '')}` : String(error);
}

describe('directory log', () => {
  it('verifies a hash-chained, hub-signed run and continues from a head', async () => {
    const k1 = generateMessageKey(T0);
    const entries = await log([
      { kind: 'key', party: 'EDB', role: 'agency', statement: (await statement('EDB', k1, null)) as never },
      { kind: 'revoke', party: '123456', reason: 'test' },
    ]);
    const head = await verifyDirectoryEntries(entries, { seq: 0, hash: GENESIS_HASH }, hub.publicJwk);
    expect(head).toEqual({ seq: 2, hash: entries[1]!.hash });
    await expect(
      verifyDirectoryEntries(entries.slice(1), { seq: 1, hash: entries[0]!.hash }, hub.publicJwk),
    ).resolves.toEqual(head);
  });

  it('names the broken check for every kind of tampering', async () => {
    const entries = await log([
      { kind: 'revoke', party: '111111', reason: 'a' },
      { kind: 'revoke', party: '222222', reason: 'b' },
    ]);
    const genesis = { seq: 0, hash: GENESIS_HASH };
    const attempt = async (mutated: DirectoryEntry[], key = hub.publicJwk) =>
      codeOf(await verifyDirectoryEntries(mutated, genesis, key).catch((error: unknown) => error));
    expect(await attempt([entries[1]!])).toBe('directory.log_invalid:sequence (expected 1)');
    expect(
      await attempt([
        { ...entries[0]!, body: { kind: 'revoke', party: '111111', reason: 'changed' } },
        entries[1]!,
      ]),
    ).toBe('directory.log_invalid:entry hash');
    expect(await attempt([entries[0]!, { ...entries[1]!, prevHash: GENESIS_HASH }])).toBe(
      'directory.log_invalid:link to the previous entry',
    );
    expect(await attempt([{ ...entries[0]!, signature: entries[1]!.signature }])).toBe(
      'directory.log_invalid:hub signature covers another entry',
    );
    expect(await attempt(entries, generateEd25519().publicJwk)).toBe('directory.log_invalid:hub signature');
  });
});

describe('directory trust', () => {
  it('pins the first key, chains a rollover signed by it, and marks an unchained key unconfirmed', async () => {
    const first = generateMessageKey(T0);
    const second = generateMessageKey(T0 + 1000);
    const stranger = generateMessageKey(T0 + 2000);
    const entries = await log([
      {
        kind: 'key',
        party: 'EDB',
        role: 'agency',
        statement: (await statement('EDB', first, null)) as never,
      },
      {
        kind: 'key',
        party: 'EDB',
        role: 'agency',
        statement: (await statement('EDB', second, first)) as never,
      },
      {
        kind: 'key',
        party: 'EDB',
        role: 'agency',
        statement: (await statement('EDB', stranger, null)) as never,
      },
    ]);
    const changes = await applyDirectoryEntries(entries, () => []);
    expect(changes.keys.map((key) => key.trust)).toEqual(['first', 'chained', 'unconfirmed']);
    expect(() => sealingKeyFor('EDB', changes.keys, T0 + 5000)).toThrow(
      expect.objectContaining({ code: 'directory.key_not_chained' }),
    );
    const confirmed: KnownKey[] = changes.keys.map((key) =>
      key.kid === stranger.kid ? { ...key, trust: 'confirmed' } : key,
    );
    expect(sealingKeyFor('EDB', confirmed, T0 + 5000).kid).toBe(stranger.kid);
    expect(sealingKeyFor('EDB', changes.keys.slice(0, 2), T0 + 5000).kid).toBe(second.kid);
  });

  it('does not chain a recovery statement or a statement that lies about its previous key', async () => {
    const first = generateMessageKey(T0);
    const recovered = generateMessageKey(T0 + 1000);
    const known = (
      await applyDirectoryEntries(
        await log([
          {
            kind: 'key',
            party: '123456',
            role: 'school',
            statement: (await statement('123456', first, null)) as never,
          },
        ]),
        () => [],
      )
    ).keys;
    const later = await log([
      {
        kind: 'key',
        party: '123456',
        role: 'school',
        statement: (await statement('123456', recovered, null, true)) as never,
      },
    ]);
    const shifted = later.map((entry) => ({ ...entry, seq: entry.seq + 1 }));
    expect((await applyDirectoryEntries(shifted, () => known)).keys[0]?.trust).toBe('unconfirmed');
  });
});

describe('registration codes', () => {
  it('are 20 Crockford characters in four groups and normalise what people type', () => {
    const code = newRegistrationCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    const normalised = normaliseRegistrationCode(code.toLowerCase().replaceAll('-', ' '));
    expect(normalised).toBe(code.replaceAll('-', ''));
    expect(normaliseRegistrationCode('ABCDE-FGHIJ-KLMNO-PQRST')).toBe('ABCDEFGH1JK1MN0PQRST');
    expect(normaliseRegistrationCode('ABCDE-FGHJK')).toBeNull();
    expect(normaliseRegistrationCode('UUUUU-UUUUU-UUUUU-UUUUU')).toBeNull();
    expect(hashRegistrationCode(normalised!)).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(Array.from({ length: 50 }, newRegistrationCode)).size).toBe(50);
  });
});
