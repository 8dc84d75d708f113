import type { KeyringContext } from './keyring-context.js';
import { ed25519PrivateJwk, type Keyring, type KeyringEntry } from './keyring-file.js';
import { publicPartOf, statementFor } from './key-material.js';
import { readPublicKeys, writePublicKeys, type PublicKeyRecord, type PublicKeys } from './public-keys.js';
import { signKeyStatement } from './statement.js';

/** Signs the statement of `entry` (with the previous key too when chained) and returns its public record. */
export async function publicRecordFor(
  party: string,
  entry: KeyringEntry,
  previous: KeyringEntry | null,
  recovery: boolean,
  issuedAt: number,
): Promise<PublicKeyRecord> {
  const key = publicPartOf(entry);
  const statement = statementFor(party, key, issuedAt, previous?.kid ?? null, recovery);
  const signers = [{ kid: entry.kid, privateJwk: ed25519PrivateJwk(entry) }];
  if (previous) signers.push({ kid: previous.kid, privateJwk: ed25519PrivateJwk(previous) });
  const jws = await signKeyStatement(statement, signers);
  return {
    ...key,
    previousKid: statement.previousKid,
    recovery,
    statement: {
      payload: jws.payload,
      signatures: jws.signatures.map((s) => ({ protected: s.protected ?? '', signature: s.signature })),
    },
  };
}

export async function appendPublicRecord(context: KeyringContext, record: PublicKeyRecord): Promise<void> {
  const existing = (await readPublicKeys(context.paths.publicKeys)) ?? {
    format: 'cds-public-keys/1' as const,
    party: context.party,
    keys: [],
  };
  const keys = [...existing.keys.filter((key) => key.kid !== record.kid), record];
  await writePublicKeys(context.paths.publicKeys, { ...existing, keys });
}

/**
 * The keyring is the truth; public.json and the history rows are written after it. A crash between
 * those writes leaves a key the public state lacks, so each unlock fills the gap.
 */
export async function syncPublicState(
  context: KeyringContext,
  keyring: Keyring,
  actor: string,
): Promise<void> {
  const published: PublicKeys | null = await readPublicKeys(context.paths.publicKeys);
  const known = new Set(published?.keys.map((key) => key.kid) ?? []);
  const ordered = [...keyring.keys].sort((a, b) => a.validFrom - b.validFrom);
  for (const [index, entry] of ordered.entries()) {
    if (!known.has(entry.kid)) {
      const previous = index > 0 ? (ordered[index - 1] ?? null) : null;
      await appendPublicRecord(
        context,
        await publicRecordFor(context.party, entry, previous, false, context.clock.now()),
      );
    }
    if (!(await context.history.has(entry.kid))) {
      await recordKeyChange(context, entry, actor, 'restored after an interrupted change');
    }
  }
}

export async function recordKeyChange(
  context: KeyringContext,
  entry: KeyringEntry,
  actor: string,
  reason: string,
): Promise<void> {
  const key = publicPartOf(entry);
  await context.history.append({
    id: context.ids.next(),
    at: context.clock.now(),
    user: actor,
    kid: key.kid,
    fingerprint: key.fingerprint,
    validFrom: key.validFrom,
    validTo: key.validTo,
    reason,
  });
}
