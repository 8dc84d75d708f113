import { access } from 'node:fs/promises';
import { AppError } from '@cds/domain';
import type { KeyringContext } from './keyring-context.js';
import { sealKeyring, writeKeyringFile, type Keyring } from './keyring-file.js';
import { generateMessageKey, type PublicMessageKey } from './key-material.js';
import { assertStrongSchoolKey } from './school-key-policy.js';
import { appendPublicRecord, publicRecordFor, recordKeyChange } from './sync-public-state.js';
import { newTransportKey, readTransportKey, transportPublic, writeTransportKey } from './transport-key.js';

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * `cds keys init`: the first message key pair (365 days) under the School Key, its self-signed key
 * statement (what registration publishes) and the transport key.
 */
export async function initKeyring(
  context: KeyringContext,
  schoolKey: Buffer,
  actor: string,
): Promise<{ key: PublicMessageKey; transport: ReturnType<typeof transportPublic> }> {
  try {
    if (await exists(context.paths.keyring))
      throw new AppError('key.keyring_exists', { file: context.paths.keyring });
    assertStrongSchoolKey(schoolKey.toString('utf8'), context.policy);
    const now = context.clock.now();
    const entry = generateMessageKey(now);
    const keyring: Keyring = { format: 'cds-keyring/1', party: context.party, keys: [entry] };
    const sealed = await sealKeyring(keyring, schoolKey, context.scryptLogN);
    // The transport key first: a keyring without one would leave a node unable to talk to the hub.
    const hasTransport = await exists(context.paths.transportKey);
    const transport = hasTransport
      ? await readTransportKey(context.paths.transportKey)
      : newTransportKey(now);
    if (!hasTransport) await writeTransportKey(context.paths.transportKey, transport);
    await writeKeyringFile(context.paths.keyring, sealed);
    const record = await publicRecordFor(context.party, entry, null, false, now);
    await appendPublicRecord(context, record);
    await recordKeyChange(context, entry, actor, 'initial key');
    await context.events.record({
      id: context.ids.next(),
      at: now,
      kind: 'key.initialised',
      actor,
      detail: { kid: entry.kid },
    });
    const { statement: _statement, previousKid: _previous, recovery: _recovery, ...key } = record;
    return { key, transport: transportPublic(transport) };
  } finally {
    schoolKey.fill(0);
  }
}
