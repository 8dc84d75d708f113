import type { Kysely } from 'kysely';
import type { HubRegistry } from '@cds/domain';
import type { HubDatabase } from './schema.js';

type CodeMethods = Pick<
  HubRegistry,
  'issueCode' | 'findCode' | 'recordCodeFailure' | 'recordAddressFailure' | 'addressFailuresSince'
>;

/**
 * The hub registry's registration and approval codes (hashed, single use, newest per purpose, voided
 * after too many failures) and the per-address failure log that throttles guessing.
 */
export function registrationCodes(db: Kysely<HubDatabase>): CodeMethods {
  return {
    async issueCode({ party, role, name, codeHash, purpose, now, expiresAt }) {
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('participants')
          .values({
            code: party,
            role,
            name,
            registered_at: null,
            revoked_at: null,
            software_version: null,
            version_reported_at: null,
          })
          .onConflict((oc) => oc.column('code').doNothing())
          .execute();
        // Only the newest code of a purpose works: a reissued code replaces any still in circulation.
        await tx
          .updateTable('registration_codes')
          .set({ voided_at: now })
          .where('party', '=', party)
          .where('purpose', '=', purpose)
          .where('used_at', 'is', null)
          .where('voided_at', 'is', null)
          .execute();
        await tx
          .insertInto('registration_codes')
          .values({
            code_hash: codeHash,
            party,
            created_at: now,
            expires_at: expiresAt,
            used_at: null,
            voided_at: null,
            failures: 0,
            purpose,
          })
          .execute();
      });
    },

    async findCode(codeHash) {
      const row = await db
        .selectFrom('registration_codes')
        .selectAll()
        .where('code_hash', '=', codeHash)
        .executeTakeFirst();
      return row
        ? {
            codeHash: row.code_hash,
            party: row.party,
            purpose: row.purpose === 'key-recovery' ? 'key-recovery' : 'registration',
            expiresAt: row.expires_at,
            usedAt: row.used_at,
            voidedAt: row.voided_at,
            failures: row.failures,
          }
        : null;
    },

    async recordCodeFailure(party, maxFailures, now) {
      await db.transaction().execute(async (tx) => {
        const live = tx
          .updateTable('registration_codes')
          .where('party', '=', party)
          .where('used_at', 'is', null)
          .where('voided_at', 'is', null);
        await live.set((eb) => ({ failures: eb('failures', '+', 1) })).execute();
        await tx
          .updateTable('registration_codes')
          .set({ voided_at: now })
          .where('party', '=', party)
          .where('used_at', 'is', null)
          .where('voided_at', 'is', null)
          .where('failures', '>=', maxFailures)
          .execute();
      });
    },

    async recordAddressFailure(address, at) {
      await db.insertInto('registration_failures').values({ address, at }).execute();
    },

    async addressFailuresSince(address, since) {
      const row = await db
        .selectFrom('registration_failures')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('address', '=', address)
        .where('at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
  };
}
