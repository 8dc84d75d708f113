import { copyFile } from 'node:fs/promises';
import { AppError } from '@cds/domain';
import type { KeyringContext } from './keyring-context.js';
import {
  currentKey,
  openKeyring,
  readKeyringFile,
  sealKeyring,
  writeKeyringFile,
  type Keyring,
} from './keyring-file.js';
import { generateMessageKey, publicPartOf, type PublicMessageKey } from './key-material.js';
import { checkNewSchoolKey } from './change-school-key.js';
import { appendPublicRecord, publicRecordFor, recordKeyChange } from './sync-public-state.js';

export interface KeyRecovery {
  /** The old School Key when known (the key pair expired); null when it is lost. */
  readonly current: Buffer | null;
  readonly next: Buffer;
  readonly confirmation: Buffer;
  readonly actor: string;
}

/**
 * `cds keys change --recover` (SPEC §2.1): when the key pair has expired or the School Key is lost, a
 * new key pair whose statement is unchained (signed by itself only); other nodes treat it as
 * 未核實的新密碼匙 until confirmed, and the hub publishes it only with an operator approval code.
 * With the old School Key, earlier key pairs are kept so old messages still open; without it, the
 * unreadable keyring is set aside, never deleted.
 */
export async function recoverKeyring(
  context: KeyringContext,
  recovery: KeyRecovery,
): Promise<PublicMessageKey> {
  try {
    checkNewSchoolKey(context, {
      current: recovery.current ?? Buffer.alloc(0),
      next: recovery.next,
      confirmation: recovery.confirmation,
    });
    return await context.guard.run(recovery.actor, async () => {
      const now = context.clock.now();
      let keys: Keyring['keys'] = [];
      if (recovery.current) {
        const keyring = await openKeyring(await readKeyringFile(context.paths.keyring), recovery.current);
        if (currentKey(keyring).validTo > now) throw new AppError('key.recovery_not_needed');
        keys = keyring.keys;
      } else {
        // A copy, not a move: until the new keyring is in place the old file must stay where it is.
        await copyFile(context.paths.keyring, `${context.paths.keyring}.lost-${now}`).catch(
          (error: NodeJS.ErrnoException) => {
            if (error.code !== 'ENOENT') throw error;
          },
        );
      }
      const entry = generateMessageKey(now);
      const keyring: Keyring = { format: 'cds-keyring/1', party: context.party, keys: [...keys, entry] };
      await writeKeyringFile(
        context.paths.keyring,
        await sealKeyring(keyring, recovery.next, context.scryptLogN),
      );
      await appendPublicRecord(context, await publicRecordFor(context.party, entry, null, true, now));
      const reason = recovery.current ? 'recovery after expiry' : 'recovery after a lost School Key';
      await recordKeyChange(context, entry, recovery.actor, reason);
      await context.events.record({
        id: context.ids.next(),
        at: now,
        kind: 'key.recovered',
        actor: recovery.actor,
        detail: { kid: entry.kid, lost: !recovery.current },
      });
      return publicPartOf(entry);
    });
  } finally {
    recovery.current?.fill(0);
    recovery.next.fill(0);
    recovery.confirmation.fill(0);
  }
}
