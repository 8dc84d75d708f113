import { AppError } from '@cds/domain';
import type { KeyringContext } from './keyring-context.js';
import { readPublicKeys } from './public-keys.js';
import { readTransportKey, transportPublic } from './transport-key.js';
import { keyValidity, type KeyValidity } from './validity.js';

export interface KeySummary {
  readonly kid: string;
  readonly fingerprint: string;
  readonly ageRecipient: string;
  readonly ed25519: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  readonly validFrom: number;
  readonly validTo: number;
  readonly current: boolean;
  readonly recovery: boolean;
  readonly validity: KeyValidity;
}

export interface KeysView {
  readonly party: string;
  readonly keys: readonly KeySummary[];
  readonly transport: ReturnType<typeof transportPublic>;
}

/** `cds keys show`: public facts only, no School Key needed. Newest key first. */
export async function showKeys(context: KeyringContext): Promise<KeysView> {
  const published = await readPublicKeys(context.paths.publicKeys);
  if (!published || published.keys.length === 0)
    throw new AppError('key.keyring_missing', { file: context.paths.keyring });
  const transport = transportPublic(await readTransportKey(context.paths.transportKey));
  const now = context.clock.now();
  const ordered = [...published.keys].sort((a, b) => b.validFrom - a.validFrom);
  return {
    party: published.party,
    transport,
    keys: ordered.map((key, index) => ({
      kid: key.kid,
      fingerprint: key.fingerprint,
      ageRecipient: key.x25519,
      ed25519: key.ed25519,
      validFrom: key.validFrom,
      validTo: key.validTo,
      current: index === 0,
      recovery: key.recovery,
      validity: keyValidity(key, now),
    })),
  };
}
