import { parsePartyCode } from '@cds/domain';
import { directoryEntry, type HubContext } from '../hub-context.js';

/** `cds hub revoke --party CODE`: the party must register again (with a new code) to take part. */
export async function revokeParticipant(
  context: HubContext,
  input: { party: string; reason: string },
): Promise<{ seq: number }> {
  const party = parsePartyCode(input.party);
  const entry = await context.registry.revoke({
    party,
    now: context.clock.now(),
    entry: directoryEntry(context, { kind: 'revoke', party, reason: input.reason }),
  });
  return { seq: entry.seq };
}
