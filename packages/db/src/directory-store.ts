import type { Kysely } from 'kysely';
import type { KnownKey, NodeDirectoryStore } from '@cds/domain';
import type { NodeDatabase } from './schema.js';
import { createSettingsRepository } from './settings-repository.js';

const HEAD = 'directory.head';
const TRUST = new Set<KnownKey['trust']>(['first', 'chained', 'confirmed', 'unconfirmed']);

function toKey(row: NodeDatabase['directory_keys']): KnownKey {
  const trust = row.trust as KnownKey['trust'];
  return {
    party: row.party,
    kid: row.kid,
    fingerprint: row.fingerprint,
    x25519: row.x25519,
    ed25519: JSON.parse(row.ed25519) as KnownKey['ed25519'],
    validFrom: row.valid_from,
    validTo: row.valid_to,
    previousKid: row.previous_kid,
    trust: TRUST.has(trust) ? trust : 'unconfirmed',
    seq: row.seq,
  };
}

export function createNodeDirectoryStore(db: Kysely<NodeDatabase>): NodeDirectoryStore {
  const settings = createSettingsRepository(db);
  return {
    async head() {
      const value = await settings.get(HEAD);
      return value === null ? null : (JSON.parse(value) as { seq: number; hash: string });
    },

    async keys(party) {
      let query = db.selectFrom('directory_keys').selectAll().orderBy('seq');
      if (party !== undefined) query = query.where('party', '=', party);
      return (await query.execute()).map(toKey);
    },

    async parties() {
      const rows = await db.selectFrom('directory_parties').selectAll().orderBy('party').execute();
      return rows.map((row) => ({
        party: row.party,
        role: row.role === 'agency' || row.role === 'school' ? row.role : null,
        revoked: row.revoked === 1,
      }));
    },

    async transportKeys(party) {
      let query = db.selectFrom('directory_transport_keys').selectAll().orderBy('seq');
      if (party !== undefined) query = query.where('party', '=', party);
      return (await query.execute()).map((row) => ({
        party: row.party,
        kid: row.kid,
        x: row.x,
        seq: row.seq,
      }));
    },

    async apply(changes, head) {
      await db.transaction().execute(async (tx) => {
        for (const key of changes.transportKeys ?? []) {
          await tx
            .insertInto('directory_transport_keys')
            .values({ kid: key.kid, party: key.party, x: key.x, seq: key.seq })
            .onConflict((oc) => oc.column('kid').doNothing())
            .execute();
        }
        for (const key of changes.keys) {
          await tx
            .insertInto('directory_keys')
            .values({
              kid: key.kid,
              party: key.party,
              fingerprint: key.fingerprint,
              x25519: key.x25519,
              ed25519: JSON.stringify(key.ed25519),
              valid_from: key.validFrom,
              valid_to: key.validTo,
              previous_kid: key.previousKid,
              trust: key.trust,
              seq: key.seq,
            })
            .onConflict((oc) => oc.column('kid').doNothing())
            .execute();
        }
        for (const party of changes.parties) {
          // A revocation does not restate the role: keep the one already known.
          await tx
            .insertInto('directory_parties')
            .values({ party: party.party, role: party.role, revoked: party.revoked ? 1 : 0 })
            .onConflict((oc) =>
              oc.column('party').doUpdateSet((eb) => ({
                revoked: party.revoked ? 1 : 0,
                role: party.role ?? eb.ref('directory_parties.role'),
              })),
            )
            .execute();
        }
        await tx
          .insertInto('settings')
          .values({ key: HEAD, value: JSON.stringify(head) })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(head) }))
          .execute();
      });
    },

    async confirm(party, fingerprint) {
      const result = await db
        .updateTable('directory_keys')
        .set({ trust: 'confirmed' })
        .where('party', '=', party)
        .where('fingerprint', '=', fingerprint)
        .where('trust', '=', 'unconfirmed')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
