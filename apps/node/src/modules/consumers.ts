/**
 * The consumers this node runs (SPEC §8, docs/modules.md): which decrypted incoming messages a
 * module imports, on which kind of node. A consumer runs when its message is decrypted, and again
 * on request after IMPORT_FAIL (a corrected file cannot arrive in the same message, but a module
 * fix can).
 */
import type { NodeRole } from '@cds/domain';
import { FORM_A, SYS_VERSION, TSA_PARAMETERS, type ConsumerRule } from '@cds/modules';

export interface NodeConsumer {
  readonly rule: ConsumerRule<unknown>;
  /** Which node role runs it: schools read agencies' files, EDB reads schools' submissions. */
  readonly role: Exclude<NodeRole, 'hub'>;
  /** Only messages from these parties (agencies' files are trusted from agencies only). */
  readonly from: (party: string) => boolean;
}

const SCHOOL = (party: string) => /^\d{6}$/.test(party);
const AGENCY = (party: string) => party === 'EDB' || party === 'HKEAA';

export const NODE_CONSUMERS: readonly NodeConsumer[] = [
  { rule: TSA_PARAMETERS, role: 'school', from: AGENCY },
  { rule: SYS_VERSION, role: 'agency', from: SCHOOL },
  { rule: FORM_A, role: 'agency', from: SCHOOL },
];

export function consumerFor(
  role: Exclude<NodeRole, 'hub'>,
  party: string,
  message: { readonly subject: string; readonly type: string; readonly from: string },
): NodeConsumer | null {
  // EDB's own consumers run on EDB only: the version register and Form A are EDB's business.
  return (
    NODE_CONSUMERS.find(
      (c) =>
        c.role === role &&
        c.rule.subject === message.subject &&
        c.rule.type === message.type &&
        c.from(message.from) &&
        (c.role === 'school' || party === 'EDB'),
    ) ?? null
  );
}
