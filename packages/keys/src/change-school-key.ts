import { AppError } from '@cds/domain';
import type { KeyringContext } from './keyring-context.js';
import { currentKey, openKeyring, readKeyringFile, sealKeyring, writeKeyringFile } from './keyring-file.js';
import { generateMessageKey, publicPartOf, type PublicMessageKey } from './key-material.js';
import { assertStrongSchoolKey } from './school-key-policy.js';
import {
  appendPublicRecord,
  publicRecordFor,
  recordKeyChange,
  syncPublicState,
} from './sync-public-state.js';

export interface SchoolKeyChange {
  readonly current: Buffer;
  readonly next: Buffer;
  readonly confirmation: Buffer;
  readonly actor: string;
  readonly reason?: string;
}

/** The checks that need no unlock, in the order a user fixes them; each has its own error. */
export function checkNewSchoolKey(
  context: KeyringContext,
  change: Pick<SchoolKeyChange, 'current' | 'next' | 'confirmation'>,
): void {
  if (!change.next.equals(change.confirmation)) throw new AppError('key.confirmation_mismatch');
  if (change.next.equals(change.current)) throw new AppError('key.same_as_current');
  assertStrongSchoolKey(change.next.toString('utf8'), context.policy);
}

/**
 * 更改學校密碼匙 (SPEC §2.1): a new key pair, the whole keyring re-encrypted under the new School Key in
 * one atomic write, a statement signed by the new and the previous key, and a history row.
 */
export async function changeSchoolKey(
  context: KeyringContext,
  change: SchoolKeyChange,
): Promise<PublicMessageKey> {
  try {
    checkNewSchoolKey(context, change);
    return await context.guard.run(change.actor, async () => {
      const keyring = await openKeyring(await readKeyringFile(context.paths.keyring), change.current);
      if (keyring.party !== context.party) {
        throw new AppError('key.party_mismatch', { actual: keyring.party, expected: context.party });
      }
      await syncPublicState(context, keyring, change.actor);
      const previous = currentKey(keyring);
      const now = context.clock.now();
      const entry = generateMessageKey(Math.max(now, previous.validFrom + 1));
      const next = { ...keyring, keys: [...keyring.keys, entry] };
      await writeKeyringFile(context.paths.keyring, await sealKeyring(next, change.next, context.scryptLogN));
      await appendPublicRecord(context, await publicRecordFor(context.party, entry, previous, false, now));
      await recordKeyChange(context, entry, change.actor, change.reason ?? 'School Key changed');
      await context.events.record({
        id: context.ids.next(),
        at: now,
        kind: 'key.changed',
        actor: change.actor,
        detail: { kid: entry.kid, previousKid: previous.kid },
      });
      return publicPartOf(entry);
    });
  } finally {
    change.current.fill(0);
    change.next.fill(0);
    change.confirmation.fill(0);
  }
}
