import type { GeneralJWS } from 'jose';
import { AppError, type KnownKey, type KnownParty, type KnownTransportKey } from '@cds/domain';
import { verifyKeyStatement, verifyTransportRotation, type KeyStatement } from '@cds/keys';
import type { DirectoryEntry } from './directory-log.js';

/** What applying new directory entries changes; the caller stores it. */
export interface DirectoryChanges {
  readonly keys: KnownKey[];
  readonly parties: KnownParty[];
  readonly transportKeys: KnownTransportKey[];
}

export function isTrusted(key: KnownKey): boolean {
  return key.trust !== 'unconfirmed';
}

/**
 * Applies verified log entries (see verifyDirectoryEntries) to what a node already knows. A key whose
 * statement names a trusted previous key and carries that key's signature is chained; the first key
 * of a party is pinned; anything else (re-registration, recovery) is unconfirmed until a key holder
 * confirms its fingerprint.
 */
export async function applyDirectoryEntries(
  entries: readonly DirectoryEntry[],
  known: (party: string) => readonly KnownKey[],
  knownTransport: (party: string) => readonly KnownTransportKey[] = () => [],
): Promise<DirectoryChanges> {
  const keys: KnownKey[] = [];
  const parties: KnownParty[] = [];
  const transportKeys: KnownTransportKey[] = [];
  const keysOf = (party: string): KnownKey[] => [
    ...known(party),
    ...keys.filter((key) => key.party === party),
  ];
  const transportOf = (party: string): KnownTransportKey[] => [
    ...knownTransport(party),
    ...transportKeys.filter((key) => key.party === party),
  ];
  for (const entry of entries) {
    const body = entry.body;
    if (body.kind === 'revoke') {
      parties.push({ party: body.party, role: null, revoked: true });
      continue;
    }
    if (body.kind === 'transport') {
      const rotated = await rotatedKey(body.party, body.rotation, transportOf(body.party), entry.seq);
      if (rotated) transportKeys.push(rotated);
      continue;
    }
    if (body.transport && !transportOf(body.party).some((key) => key.kid === body.transport?.kid)) {
      // Registration introduces the transport key with proof of possession (the request it signed).
      transportKeys.push({ party: body.party, kid: body.transport.kid, x: body.transport.x, seq: entry.seq });
    }
    const statement = await verifyKeyStatement(body.statement);
    if (statement.party !== body.party) {
      throw new AppError('directory.log_invalid', {
        seq: entry.seq,
        detail: `statement for ${statement.party} filed under ${body.party}`,
      });
    }
    const existing = keysOf(body.party);
    if (existing.some((key) => key.kid === statement.kid)) continue;
    parties.push({ party: body.party, role: body.role, revoked: false });
    keys.push({
      ...known_(statement, entry.seq),
      trust: await trustOf(statement, body.statement, existing),
    });
  }
  return { keys, parties, transportKeys };
}

/**
 * A rotation counts only if the party's previous transport key, as this directory listed it, signed
 * it: a hub cannot slip in a transport key of its own to forge receipts. One that does not verify
 * is left out, so receipts signed with that key will not verify either.
 */
async function rotatedKey(
  party: string,
  rotation: string,
  existing: readonly KnownTransportKey[],
  seq: number,
): Promise<KnownTransportKey | null> {
  for (const previous of existing) {
    try {
      const verified = await verifyTransportRotation(rotation, previous);
      if (existing.some((key) => key.kid === verified.next.kid)) return null;
      return { party, kid: verified.next.kid, x: verified.next.x, seq };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
  return null;
}

function known_(statement: KeyStatement, seq: number): Omit<KnownKey, 'trust'> {
  return {
    party: statement.party,
    kid: statement.kid,
    fingerprint: statement.fingerprint,
    x25519: statement.x25519,
    ed25519: statement.ed25519,
    validFrom: statement.validFrom,
    validTo: statement.validTo,
    previousKid: statement.previousKid,
    seq,
  };
}

async function trustOf(
  statement: KeyStatement,
  jws: GeneralJWS,
  existing: readonly KnownKey[],
): Promise<KnownKey['trust']> {
  if (existing.length === 0) return 'first';
  const previous = existing.find((key) => key.kid === statement.previousKid && isTrusted(key));
  if (!previous || statement.recovery) return 'unconfirmed';
  try {
    await verifyKeyStatement(jws, { kid: previous.kid, ed25519: previous.ed25519 });
    return 'chained';
  } catch {
    return 'unconfirmed';
  }
}

/**
 * The key to seal to: the newest trusted key valid at `now`. A newer unconfirmed key blocks sealing
 * (directory.key_not_chained) so a hub cannot quietly swap in a key of its own.
 */
export function sealingKeyFor(party: string, keys: readonly KnownKey[], now: number): KnownKey {
  const mine = keys.filter((key) => key.party === party).sort((a, b) => b.seq - a.seq);
  const newest = mine[0];
  if (!newest) throw new AppError('registration.not_registered', { party });
  if (!isTrusted(newest))
    throw new AppError('directory.key_not_chained', { party, fingerprint: newest.fingerprint });
  const usable = mine.find((key) => isTrusted(key) && key.validFrom <= now + 5 * 60_000 && key.validTo > now);
  if (!usable) throw new AppError('key.expired', { validTo: new Date(newest.validTo).toISOString() });
  return usable;
}
