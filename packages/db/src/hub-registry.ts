import type { Kysely, Transaction } from 'kysely';
import {
  AppError,
  type DirectoryEntryFactory,
  type HubRegistry,
  type Participant,
  type PublishedKey,
  type StoredDirectoryEntry,
} from '@cds/domain';
import type { HubDatabase } from './schema.js';
import { registrationCodes } from './hub-registration-codes.js';
import { GENESIS, withConflictRetry } from './hub-retry.js';

type Tx = Transaction<HubDatabase>;

function toParticipant(row: HubDatabase['participants']): Participant {
  return {
    code: row.code,
    role: row.role === 'agency' ? 'agency' : 'school',
    name: row.name,
    registeredAt: row.registered_at,
    revokedAt: row.revoked_at,
    softwareVersion: row.software_version,
    versionReportedAt: row.version_reported_at,
  };
}

async function appendEntry(
  tx: Tx,
  factory: DirectoryEntryFactory,
  now: number,
): Promise<StoredDirectoryEntry> {
  const head = await tx
    .selectFrom('directory_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const entry = await factory(head ?? GENESIS, now);
  await tx
    .insertInto('directory_log')
    .values({
      seq: entry.seq,
      at: entry.at,
      prev_hash: entry.prevHash,
      body: entry.body,
      hash: entry.hash,
      signature: entry.signature,
    })
    .execute();
  return entry;
}

function toKey(row: HubDatabase['participant_keys']): PublishedKey {
  return {
    kid: row.kid,
    party: row.party,
    fingerprint: row.fingerprint,
    statement: row.statement,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    previousKid: row.previous_kid,
    recovery: row.recovery === 1,
    publishedAt: row.published_at,
  };
}

async function insertKey(
  tx: Tx,
  party: string,
  key: Omit<PublishedKey, 'publishedAt'>,
  now: number,
): Promise<void> {
  await tx
    .insertInto('participant_keys')
    .values({
      kid: key.kid,
      party,
      fingerprint: key.fingerprint,
      statement: key.statement,
      valid_from: key.validFrom,
      valid_to: key.validTo,
      previous_kid: key.previousKid,
      recovery: key.recovery ? 1 : 0,
      published_at: now,
    })
    .onConflict((oc) => oc.column('kid').doNothing())
    .execute();
}

export function createHubRegistry(db: Kysely<HubDatabase>): HubRegistry {
  return {
    async participant(code) {
      const row = await db.selectFrom('participants').selectAll().where('code', '=', code).executeTakeFirst();
      return row ? toParticipant(row) : null;
    },

    async participants() {
      return (await db.selectFrom('participants').selectAll().orderBy('code').execute()).map(toParticipant);
    },

    ...registrationCodes(db),

    register({ codeHash, party, now, softwareVersion, transportKey, key, entry }) {
      return withConflictRetry(() =>
        db.transaction().execute(async (tx) => {
          const participant = await tx
            .selectFrom('participants')
            .selectAll()
            .where('code', '=', party)
            .executeTakeFirst();
          if (participant?.registered_at != null && participant.revoked_at == null) {
            throw new AppError('registration.already_registered', { party });
          }
          const used = await tx
            .updateTable('registration_codes')
            .set({ used_at: now })
            .where('code_hash', '=', codeHash)
            .where('party', '=', party)
            .where('purpose', '=', 'registration')
            .where('used_at', 'is', null)
            .where('voided_at', 'is', null)
            .where('expires_at', '>', now)
            .executeTakeFirst();
          if (Number(used.numUpdatedRows) !== 1) throw new AppError('registration.invalid_code');
          await tx
            .updateTable('participants')
            .set({
              registered_at: now,
              revoked_at: null,
              software_version: softwareVersion,
              version_reported_at: now,
            })
            .where('code', '=', party)
            .execute();
          // A party registering again after revocation may bring back its transport key; nobody else may claim it.
          const transport = await tx
            .insertInto('transport_keys')
            .values({
              kid: transportKey.kid,
              party,
              public_jwk: JSON.stringify(transportKey.publicJwk),
              created_at: now,
              revoked_at: null,
            })
            .onConflict((oc) =>
              oc
                .column('kid')
                .doUpdateSet({ revoked_at: null })
                .where('transport_keys.party', '=', party)
                .where('transport_keys.public_jwk', '=', JSON.stringify(transportKey.publicJwk)),
            )
            .returning('kid')
            .executeTakeFirst();
          if (!transport)
            throw new AppError('validation.failed', {
              detail: `transport key ${transportKey.kid} belongs to another participant`,
            });
          await insertKey(tx, party, key, now);
          return appendEntry(tx, entry, now);
        }),
      );
    },

    publishKey({ party, now, codeHash, key, entry }) {
      return withConflictRetry(() =>
        db.transaction().execute(async (tx) => {
          const participant = await tx
            .selectFrom('participants')
            .selectAll()
            .where('code', '=', party)
            .executeTakeFirst();
          if (participant?.registered_at == null || participant.revoked_at != null) {
            throw new AppError('registration.not_registered', { party });
          }
          const known = await tx
            .selectFrom('participant_keys')
            .select('kid')
            .where('kid', '=', key.kid)
            .executeTakeFirst();
          if (known) throw new AppError('key.already_published', { kid: key.kid });
          if (codeHash !== null) {
            const used = await tx
              .updateTable('registration_codes')
              .set({ used_at: now })
              .where('code_hash', '=', codeHash)
              .where('party', '=', party)
              .where('purpose', '=', 'key-recovery')
              .where('used_at', 'is', null)
              .where('voided_at', 'is', null)
              .where('expires_at', '>', now)
              .executeTakeFirst();
            if (Number(used.numUpdatedRows) !== 1) throw new AppError('registration.invalid_code');
          }
          await insertKey(tx, party, key, now);
          return appendEntry(tx, entry, now);
        }),
      );
    },

    rotateTransportKey({ party, previousKid, next, now, entry }) {
      return withConflictRetry(() =>
        db.transaction().execute(async (tx) => {
          const revoked = await tx
            .updateTable('transport_keys')
            .set({ revoked_at: now })
            .where('kid', '=', previousKid)
            .where('party', '=', party)
            .where('revoked_at', 'is', null)
            .executeTakeFirst();
          if (Number(revoked.numUpdatedRows) !== 1) {
            throw new AppError('transport.unknown_key', { keyid: previousKid });
          }
          const inserted = await tx
            .insertInto('transport_keys')
            .values({
              kid: next.kid,
              party,
              public_jwk: JSON.stringify(next.publicJwk),
              created_at: now,
              revoked_at: null,
            })
            .onConflict((oc) => oc.column('kid').doNothing())
            .executeTakeFirst();
          if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) {
            throw new AppError('key.already_published', { kid: next.kid });
          }
          return appendEntry(tx, entry, now);
        }),
      );
    },

    async reportVersion({ party, version, now }) {
      await db
        .updateTable('participants')
        .set({ software_version: version, version_reported_at: now })
        .where('code', '=', party)
        .execute();
    },

    revoke({ party, now, entry }) {
      return withConflictRetry(() =>
        db.transaction().execute(async (tx) => {
          const revoked = await tx
            .updateTable('participants')
            .set({ revoked_at: now })
            .where('code', '=', party)
            .where('registered_at', 'is not', null)
            .where('revoked_at', 'is', null)
            .executeTakeFirst();
          if (Number(revoked.numUpdatedRows) !== 1)
            throw new AppError('registration.not_registered', { party });
          await tx
            .updateTable('transport_keys')
            .set({ revoked_at: now })
            .where('party', '=', party)
            .where('revoked_at', 'is', null)
            .execute();
          return appendEntry(tx, entry, now);
        }),
      );
    },

    async transportKey(kid) {
      const row = await db.selectFrom('transport_keys').selectAll().where('kid', '=', kid).executeTakeFirst();
      return row
        ? {
            kid: row.kid,
            party: row.party,
            publicJwk: JSON.parse(row.public_jwk) as { kty: 'OKP'; crv: 'Ed25519'; x: string },
            revokedAt: row.revoked_at,
          }
        : null;
    },

    async publishedKeys(party) {
      return (
        await db
          .selectFrom('participant_keys')
          .selectAll()
          .where('party', '=', party)
          .orderBy('valid_from')
          .execute()
      ).map(toKey);
    },

    async directoryHead() {
      const head = await db
        .selectFrom('directory_log')
        .select(['seq', 'hash'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      return head ?? null;
    },

    async directorySince(seq, limit) {
      const rows = await db
        .selectFrom('directory_log')
        .selectAll()
        .where('seq', '>', seq)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        seq: row.seq,
        at: row.at,
        prevHash: row.prev_hash,
        body: row.body,
        hash: row.hash,
        signature: row.signature,
      }));
    },
  };
}
