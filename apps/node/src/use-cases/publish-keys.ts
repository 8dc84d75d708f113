import { AppError, isAppError } from '@cds/domain';
import { keysPaths, publishKeyResponseSchema } from '@cds/contracts';
import { readPublicKeys, type PublicKeyRecord } from '@cds/keys';
import type { HubClient } from '../hub-client.js';
import type { NodeServices } from '../node-services.js';
import { registrationState } from './register-node.js';
import { refreshDirectory } from './refresh-directory.js';

export interface PublishedKeys {
  /** Keys the hub took now, oldest first. */
  readonly published: ReadonlyArray<{ kid: string; fingerprint: string; recovery: boolean }>;
  /** Recovered keys still waiting for an operator's key-recovery code (`cds keys publish --code`). */
  readonly awaitingApproval: readonly string[];
}

/** Own keys in keys/public.json that the verified directory copy does not list yet, oldest first. */
async function pendingKeys(services: NodeServices): Promise<PublicKeyRecord[]> {
  const own = await readPublicKeys(services.keys.paths.publicKeys);
  if (!own) return [];
  const listed = new Set((await services.repos.directory.keys(services.config.party)).map((key) => key.kid));
  return own.keys.filter((key) => !listed.has(key.kid)).toSorted((a, b) => a.validFrom - b.validFrom);
}

/** A rollover carries the previous key's signature; a recovered key (or a second first key) does not. */
function isChained(key: PublicKeyRecord): boolean {
  return !key.recovery && key.previousKid !== null;
}

/**
 * Sends this node's key statements the hub does not list yet (SPEC §2.1 "submitting the new key to
 * EDB"). A rollover goes by itself: every transmission cycle calls this without a code. A recovered
 * key needs the operator's key-recovery code, so it waits until a user runs `cds keys publish
 * --code C`; one code approves one key. The directory is refreshed afterwards, so the node's own
 * copy shows what the hub now serves.
 */
export async function publishPendingKeys(
  services: NodeServices,
  client: HubClient,
  options: { readonly code?: string } = {},
): Promise<PublishedKeys> {
  if (!(await registrationState(services))) {
    throw new AppError('registration.not_registered', { party: services.config.party });
  }
  let code = options.code;
  const published: Array<{ kid: string; fingerprint: string; recovery: boolean }> = [];
  const awaitingApproval: string[] = [];
  for (const key of await pendingKeys(services)) {
    const chained = isChained(key);
    if (!chained && code === undefined) {
      awaitingApproval.push(key.kid);
      continue;
    }
    try {
      const answer = publishKeyResponseSchema.parse(
        await client.postJson(keysPaths.keys, {
          statement: key.statement,
          ...(chained ? {} : { code }),
        }),
      );
      published.push({ kid: answer.kid, fingerprint: key.fingerprint, recovery: answer.recovery });
      if (!chained) code = undefined;
    } catch (error) {
      // Sent before, but the directory copy was not refreshed since: nothing left to do for it.
      if (!isAppError(error) || error.code !== 'key.already_published') throw error;
    }
  }
  if (published.length > 0) await refreshDirectory(services, client);
  if (options.code !== undefined && code !== undefined) {
    // A code was given but no recovered key was waiting for it: say so rather than succeed silently.
    throw new AppError('key.nothing_to_publish');
  }
  return { published, awaitingApproval };
}
