import { isAppError } from '@cds/domain';
import { changeSchoolKey, recoverKeyring, type PublicMessageKey } from '@cds/keys';
import { hubClientFor } from '../node-hub-client.js';
import type { NodeServices } from '../node-services.js';
import { publishPendingKeys } from './publish-keys.js';
import { registrationState } from './register-node.js';

export interface NodeSchoolKeyChange {
  /** The current School Key; null only for a recovery when it is lost. */
  readonly current: Buffer | null;
  readonly next: Buffer;
  readonly confirmation: Buffer;
  readonly actor: string;
  readonly reason?: string;
  /** The key pair expired or the School Key is lost: an unchained key that needs an approval code. */
  readonly recover?: boolean;
}

export interface NodeSchoolKeyChanged {
  readonly key: PublicMessageKey;
  /**
   * Zero-downtime rollover (SPEC §2.1): the statement signed by the new and the previous key goes to
   * the hub at once, so senders can seal to the new key while the old one still opens what is on its
   * way. `published` when the hub took it now; otherwise the error code that kept it back (the next
   * cycle sends it), `needs_code` for a recovered key, `not_registered` before 系統註冊.
   */
  readonly publication: string;
}

/** 更改學校密碼匙 on the node: the keyring change (packages/keys), then its publication. */
export async function changeNodeSchoolKey(
  services: NodeServices,
  change: NodeSchoolKeyChange,
): Promise<NodeSchoolKeyChanged> {
  const key = change.recover
    ? await recoverKeyring(services.keys, change)
    : await changeSchoolKey(services.keys, {
        current: change.current ?? Buffer.alloc(0),
        next: change.next,
        confirmation: change.confirmation,
        actor: change.actor,
        ...(change.reason ? { reason: change.reason } : {}),
      });
  if (!(await registrationState(services))) return { key, publication: 'not_registered' };
  if (change.recover) return { key, publication: 'needs_code' };
  try {
    const { published } = await publishPendingKeys(services, await hubClientFor(services));
    return { key, publication: published.some((p) => p.kid === key.kid) ? 'published' : 'next_cycle' };
  } catch (error) {
    // The key is changed and kept; only its publication waits for the hub (the next cycle sends it).
    if (!isAppError(error)) throw error;
    return { key, publication: error.code };
  }
}
