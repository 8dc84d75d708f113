import { AppError, parsePartyCode } from '@cds/domain';
import { normaliseFingerprint } from '@cds/keys';
import type { NodeServices } from '../node-services.js';

/**
 * 未核實的新密碼匙: a key holder confirms an unchained key by the fingerprint obtained out of band
 * (e.g. by phone); only then can anyone on this node seal to it (SPEC §2.3).
 */
export async function confirmDirectoryKey(
  services: NodeServices,
  input: { party: string; fingerprint: string; actor: string },
): Promise<void> {
  const party = parsePartyCode(input.party);
  const fingerprint = normaliseFingerprint(input.fingerprint);
  if (!(await services.repos.directory.confirm(party, fingerprint))) {
    throw new AppError('validation.failed', { reason: 'directory.no_such_key', party, fingerprint });
  }
  await services.repos.securityEvents.record({
    id: services.keys.ids.next(),
    at: services.keys.clock.now(),
    kind: 'directory.key_confirmed',
    actor: input.actor,
    detail: { party, fingerprint },
  });
}
