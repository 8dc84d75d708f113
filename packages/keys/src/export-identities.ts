import type { KeyringContext } from './keyring-context.js';
import { unlockKeyring } from './unlock-keyring.js';

/**
 * `cds keys identity`: every X25519 identity of the keyring, newest first, as an age identity file
 * (comments name each key), for recovery and interop with the age tool. Audited.
 */
export async function exportIdentities(
  context: KeyringContext,
  schoolKey: Buffer,
  actor: string,
): Promise<string> {
  const unlocked = await unlockKeyring(context, schoolKey, actor);
  const ordered = [...unlocked.keyring.keys].sort((a, b) => b.validFrom - a.validFrom);
  await context.events.record({
    id: context.ids.next(),
    at: context.clock.now(),
    kind: 'key.identity_exported',
    actor,
    detail: { kids: ordered.map((key) => key.kid).join(',') },
  });
  const lines = ordered.flatMap((key) => [
    `# kid ${key.kid}, valid ${new Date(key.validFrom).toISOString()} to ${new Date(key.validTo).toISOString()}`,
    key.x25519,
  ]);
  return `${lines.join('\n')}\n`;
}
