import { AppError } from '@cds/domain';
import { decodeTransportRotation, verifyTransportRotation } from '@cds/keys';
import { directoryEntry, type HubContext } from '../hub-context.js';

/**
 * Which registered party a rotation speaks for: the one whose live transport key it names as the
 * previous key. The route authenticates the request with the new key this finds (proof of
 * possession), the way registration does.
 */
export async function rotationSigner(
  context: HubContext,
  rotation: string,
): Promise<{ party: string; publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string }; kid: string } | null> {
  const claimed = decodeTransportRotation(rotation);
  const previous = await context.registry.transportKey(claimed.previousKid);
  if (!previous || previous.revokedAt !== null) return null;
  return {
    party: previous.party,
    kid: claimed.next.kid,
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x: claimed.next.x },
  };
}

/**
 * `cds node rotate-transport-key`, the hub's half (SPEC §2.2): the new transport key, vouched for by
 * the old one, replaces it. The old key is revoked at once (the node signs nothing more with it) and
 * the rotation goes into the signed directory, so other nodes verify later receipts with the new key.
 */
export async function acceptTransportRotation(
  context: HubContext,
  input: { readonly party: string; readonly rotation: string },
): Promise<{ party: string; kid: string; seq: number; hash: string }> {
  const claimed = decodeTransportRotation(input.rotation);
  const previous = await context.registry.transportKey(claimed.previousKid);
  if (!previous || previous.revokedAt !== null || previous.party !== input.party) {
    throw new AppError('transport.unknown_key', { keyid: claimed.previousKid });
  }
  const rotation = await verifyTransportRotation(input.rotation, {
    kid: previous.kid,
    x: previous.publicJwk.x,
  });
  const entry = await context.registry.rotateTransportKey({
    party: input.party,
    previousKid: previous.kid,
    next: {
      kid: rotation.next.kid,
      party: input.party,
      publicJwk: { kty: 'OKP', crv: 'Ed25519', x: rotation.next.x },
      revokedAt: null,
    },
    now: context.clock.now(),
    entry: directoryEntry(context, { kind: 'transport', party: input.party, rotation: input.rotation }),
  });
  return { party: input.party, kid: rotation.next.kid, seq: entry.seq, hash: entry.hash };
}
