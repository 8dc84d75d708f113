/**
 * The routing header (SPEC §2.4): everything the hub sees of a message. Subject and type are checked
 * for shape only, not against this node's code tables, so a newer peer's new code still routes;
 * priority and encryption level are closed sets because access rules depend on them.
 */
import { z } from 'zod';
import { ENCRYPTION_LEVELS, PRIORITIES, isPartyCode } from '@cds/domain';
import { isUuidV7 } from '@cds/platform';
import {
  HEADER_FORMAT,
  MAX_DESCRIPTION_CHARS,
  MAX_RECIPIENTS,
  MAX_SCHOOL_REFERENCE_CHARS,
} from './limits.js';

const CONTROL = /\p{Cc}/u;

export const kidSchema = z.string().regex(/^[0-9a-f]{16}$/, 'a key id is 16 lowercase hex digits');
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 lowercase hex digits');
const messageIdSchema = z.string().refine(isUuidV7, 'not a lowercase UUIDv7');
// Not a type guard here: callers pass plain strings, and the brand would leak into RoutingHeader.
const partySchema = z.string().refine((code): boolean => isPartyCode(code), 'not a party code');
/** Epoch milliseconds and byte counts. */
const wholeNumberSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const codeSchema = z.string().regex(/^[A-Z][A-Z0-9]{1,7}$/, 'not a code');

/** Counted in code points, as a user counts characters (a CJK character is one, not three bytes). */
function singleLine(max: number) {
  return z
    .string()
    .refine((text) => [...text].length <= max, `at most ${max} characters`)
    .refine((text) => !CONTROL.test(text), 'no control characters');
}

/**
 * recipientKids maps each party of `to` to the key id the payload was sealed to: an object rather
 * than an array aligned with `to`, so a recipient finds its entry by its own code and nothing
 * depends on order.
 */
export const routingHeaderSchema = z
  .strictObject({
    format: z.literal(HEADER_FORMAT),
    id: messageIdSchema,
    from: partySchema,
    to: z.array(partySchema).min(1).max(MAX_RECIPIENTS),
    subject: codeSchema,
    type: codeSchema,
    priority: z.enum(PRIORITIES),
    encryptionLevel: z.enum(ENCRYPTION_LEVELS),
    description: singleLine(MAX_DESCRIPTION_CHARS),
    schoolReference: singleLine(MAX_SCHOOL_REFERENCE_CHARS).nullable(),
    replyDeadline: wholeNumberSchema.nullable(),
    replyTo: messageIdSchema.nullable(),
    sealedAt: wholeNumberSchema,
    senderKid: kidSchema,
    recipientKids: z.record(z.string(), kidSchema),
    payloadSize: wholeNumberSchema,
    payloadSha256: sha256Schema,
  })
  .superRefine((header, context) => {
    if (new Set(header.to).size !== header.to.length) {
      context.addIssue({ code: 'custom', path: ['to'], message: 'a party is listed twice' });
    }
    const kids = Object.keys(header.recipientKids).sort();
    const parties = [...header.to].sort();
    if (kids.length !== parties.length || kids.some((party, i) => party !== parties[i])) {
      context.addIssue({
        code: 'custom',
        path: ['recipientKids'],
        message: 'must name a key id for exactly the parties in `to`',
      });
    }
  });

export type RoutingHeader = z.infer<typeof routingHeaderSchema>;
/** What the sealer supplies; `format` is added when signing. */
export type RoutingHeaderFields = Omit<RoutingHeader, 'format'>;

/** One line naming the first problems, for error details. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
