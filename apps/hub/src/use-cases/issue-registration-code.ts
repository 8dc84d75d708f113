import { partyKind, parsePartyCode } from '@cds/domain';
import {
  REGISTRATION_CODE_VALIDITY_MS,
  hashRegistrationCode,
  newRegistrationCode,
  normaliseRegistrationCode,
} from '@cds/directory';
import type { HubContext } from '../hub-context.js';

/**
 * `cds hub issue-code --party CODE`: a single-use code valid 14 days, stored only as a hash; issuing
 * a new one voids any earlier code for the party (SPEC §4).
 */
export async function issueRegistrationCode(
  context: HubContext,
  input: { party: string; name?: string | undefined },
): Promise<{ code: string; party: string; expiresAt: number }> {
  const party = parsePartyCode(input.party);
  const code = newRegistrationCode();
  const normalised = normaliseRegistrationCode(code);
  if (!normalised) throw new Error('generated a malformed registration code');
  const now = context.clock.now();
  const expiresAt = now + REGISTRATION_CODE_VALIDITY_MS;
  await context.registry.issueCode({
    party,
    role: partyKind(party),
    name: input.name ?? party,
    codeHash: hashRegistrationCode(normalised),
    now,
    expiresAt,
  });
  return { code, party, expiresAt };
}
