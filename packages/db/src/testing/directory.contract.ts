import { describe, expect, it } from 'vitest';
import type { KnownKey } from '@cds/domain';
import type { TestDatabases } from './databases.js';
import { T0 } from './builders.js';
import { useMigratedNodeDatabase } from './fixture.js';

function knownKey(kid: string, party: string, seq: number, trust: KnownKey['trust']): KnownKey {
  return {
    party,
    kid,
    fingerprint: `FP-${kid}`,
    x25519: `age1${kid}`,
    ed25519: { kty: 'OKP', crv: 'Ed25519', x: `x-${kid}` },
    validFrom: T0,
    validTo: T0 + 1000,
    previousKid: null,
    trust,
    seq,
  };
}

export function directoryContract(databases: TestDatabases): void {
  describe('node directory copy', () => {
    const fx = useMigratedNodeDatabase(databases);

    it('stores keys, parties and the head together, keeps roles over revocations, confirms by fingerprint', async () => {
      const directory = fx().repos.directory;
      expect(await directory.head()).toBeNull();
      await directory.apply(
        {
          keys: [knownKey('k1', 'EDB', 1, 'first'), knownKey('k2', 'EDB', 2, 'unconfirmed')],
          parties: [{ party: 'EDB', role: 'agency', revoked: false }],
        },
        { seq: 2, hash: 'h2' },
      );
      expect(await directory.head()).toEqual({ seq: 2, hash: 'h2' });
      expect((await directory.keys('EDB')).map((key) => [key.kid, key.trust])).toEqual([
        ['k1', 'first'],
        ['k2', 'unconfirmed'],
      ]);
      expect(await directory.keys('HKEAA')).toEqual([]);
      expect(await directory.confirm('EDB', 'FP-nope')).toBe(false);
      expect(await directory.confirm('EDB', 'FP-k2')).toBe(true);
      expect((await directory.keys('EDB'))[1]).toEqual(knownKey('k2', 'EDB', 2, 'confirmed'));
      await directory.apply(
        { keys: [], parties: [{ party: 'EDB', role: null, revoked: true }] },
        { seq: 3, hash: 'h3' },
      );
      expect(await directory.parties()).toEqual([{ party: 'EDB', role: 'agency', revoked: true }]);
    });
  });
}
