import type { Kysely } from 'kysely';
import type { HubDatabase } from './schema.js';

/**
 * Request nonces (SPEC §4) live in the database so every hub instance sees every nonce: the primary
 * key (keyid, nonce) makes "first one wins" atomic on both dialects. Expired nonces are purged as we go;
 * a replay after expiry is refused anyway because its signature has expired too.
 */
export function createNonceStore(db: Kysely<HubDatabase>, now: () => number) {
  return {
    async remember(keyid: string, nonce: string, expiresAt: number): Promise<boolean> {
      await db.deleteFrom('nonces').where('keyid', '=', keyid).where('expires_at', '<', now()).execute();
      const inserted = await db
        .insertInto('nonces')
        .values({ keyid, nonce, expires_at: expiresAt })
        .onConflict((oc) => oc.columns(['keyid', 'nonce']).doNothing())
        .returning('nonce')
        .executeTakeFirst();
      return inserted !== undefined;
    },
  };
}
