/**
 * Port for replay protection (SPEC §4): nonces live in the database so that every hub instance sees
 * every other's. A nonce need only be kept until its signature's `expires`, because from then on the
 * stale-signature check refuses the request anyway.
 *
 * The database adapter needs a table with a unique (keyid, nonce) key and an expires_at column
 * (epoch ms, indexed): remember() is one INSERT that reports a unique violation (or `ON CONFLICT DO
 * NOTHING` affecting zero rows) as `false`, and a periodic `DELETE … WHERE expires_at < now` purges.
 */
export interface NonceStore {
  /**
   * Records (keyid, nonce) until expiresAt (epoch ms). Resolves false when the pair is already
   * recorded, which makes the request a replay. Must be atomic across hub instances.
   */
  remember(keyid: string, nonce: string, expiresAt: number): Promise<boolean>;
}
