import { readFile } from 'node:fs/promises';
import { keysPaths, transportRotationResponseSchema } from '@cds/contracts';
import { decodeTransportRotation, readTransportKey } from '@cds/keys';
import type { HubClient } from '../hub-client.js';
import type { NodeServices } from '../node-services.js';
import { registrationState } from './register-node.js';

/** The kid of the last rotation the hub took, so a rotation is sent once. */
export const ROTATION_SETTING = 'transport.rotation_published';

async function pendingRotation(services: NodeServices): Promise<string | null> {
  let text: string;
  try {
    text = (await readFile(services.keys.paths.transportRotation, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const rotation = decodeTransportRotation(text);
  // Only the rotation that introduced the key in use now is owed; the hub knows the rest.
  const current = await readTransportKey(services.keys.paths.transportKey);
  if (rotation.next.kid !== current.kid) return null;
  if ((await services.repos.settings.get(ROTATION_SETTING)) === current.kid) return null;
  return text;
}

/**
 * `cds node rotate-transport-key`, sent to the hub (SPEC §2.2): the rotation signed by the old key,
 * in a request signed by the new one. Until the hub has it every other request would be refused
 * (the hub does not know the new key), so the cycle sends it before anything else. Returns the new
 * kid when it was sent now, null when nothing was owed.
 */
export async function publishTransportRotation(
  services: NodeServices,
  client: HubClient,
): Promise<string | null> {
  if (!(await registrationState(services))) return null;
  const rotation = await pendingRotation(services);
  if (rotation === null) return null;
  const answer = transportRotationResponseSchema.parse(
    await client.postJson(keysPaths.transportKeys, { rotation }),
  );
  await services.repos.settings.set(ROTATION_SETTING, answer.kid);
  return answer.kid;
}
