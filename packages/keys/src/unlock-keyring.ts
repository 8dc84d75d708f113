import { AppError } from '@cds/domain';
import type { Identity } from '@cds/crypto';
import type { KeyringContext } from './keyring-context.js';
import { currentKey, openKeyring, readKeyringFile, type Keyring, type KeyringEntry } from './keyring-file.js';
import { syncPublicState } from './sync-public-state.js';

export interface UnlockedKeyring {
  readonly keyring: Keyring;
  readonly current: KeyringEntry;
  /** Every key pair, newest first: a message sealed to any earlier key still opens (SPEC §2.1). */
  readonly identities: readonly Identity[];
}

/**
 * Opens the keyring with a School Key typed by a user, through the guard (queue + lockout). The
 * School Key buffer is zeroed before returning, whatever the outcome.
 */
export async function unlockKeyring(
  context: KeyringContext,
  schoolKey: Buffer,
  actor: string,
): Promise<UnlockedKeyring> {
  try {
    return await context.guard.run(actor, async () => {
      const keyring = await openKeyring(await readKeyringFile(context.paths.keyring), schoolKey);
      if (keyring.party !== context.party) {
        throw new AppError('key.party_mismatch', { actual: keyring.party, expected: context.party });
      }
      await syncPublicState(context, keyring, actor);
      const newestFirst = [...keyring.keys].sort((a, b) => b.validFrom - a.validFrom);
      return {
        keyring,
        current: currentKey(keyring),
        identities: newestFirst.map((key) => ({ kind: 'x25519' as const, identity: key.x25519 })),
      };
    });
  } finally {
    schoolKey.fill(0);
  }
}
