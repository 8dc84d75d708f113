import type { KnownKey } from '@cds/domain';
import type { NodeServices } from '../node-services.js';

export interface UnconfirmedKey {
  readonly party: string;
  readonly kid: string;
  readonly fingerprint: string;
  readonly validFrom: number;
  readonly validTo: number;
  /** The key it replaces in the directory, if any: the one already trusted for the party. */
  readonly trustedFingerprint: string | null;
}

/**
 * 未核實的新密碼匙 (SPEC §2.3): keys in the verified directory not chained to the pinned one. Nobody
 * can seal to them until a key holder confirms the fingerprint obtained out of band.
 */
export async function listUnconfirmedKeys(services: NodeServices): Promise<readonly UnconfirmedKey[]> {
  const keys = await services.repos.directory.keys();
  const trusted = (party: string): KnownKey | undefined =>
    keys
      .filter((key) => key.party === party && key.trust !== 'unconfirmed')
      .toSorted((a, b) => b.seq - a.seq)[0];
  return keys
    .filter((key) => key.trust === 'unconfirmed')
    .map((key) => ({
      party: key.party,
      kid: key.kid,
      fingerprint: key.fingerprint,
      validFrom: key.validFrom,
      validTo: key.validTo,
      trustedFingerprint: trusted(key.party)?.fingerprint ?? null,
    }));
}
