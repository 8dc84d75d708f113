import { writeFileAtomic } from './atomic-file.js';
import type { KeyringContext } from './keyring-context.js';
import {
  newTransportKey,
  readTransportKey,
  signTransportRotation,
  transportPublic,
  writeTransportKey,
} from './transport-key.js';

/**
 * `cds node rotate-transport-key`: a new transport key, announced by a rotation statement signed with
 * the old one (kept in keys/transport-rotation.jws until the next cycle publishes it to the hub).
 */
export async function rotateTransportKey(
  context: KeyringContext,
  actor: string,
): Promise<{ previousKid: string; transport: ReturnType<typeof transportPublic> }> {
  const previous = await readTransportKey(context.paths.transportKey);
  const now = context.clock.now();
  const next = newTransportKey(now);
  const rotation = await signTransportRotation(previous, next, now);
  // The statement first: if we crash after it, the old key is still in place and can sign again.
  await writeFileAtomic(context.paths.transportRotation, Buffer.from(`${rotation}\n`), 0o600);
  await writeTransportKey(context.paths.transportKey, next);
  await context.events.record({
    id: context.ids.next(),
    at: now,
    kind: 'transport.key_rotated',
    actor,
    detail: { previousKid: previous.kid, kid: next.kid },
  });
  return { previousKid: previous.kid, transport: transportPublic(next) };
}
