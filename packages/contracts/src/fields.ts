/**
 * Field shapes shared by the hub API and the receipts. Kept here rather than imported from
 * @cds/platform or @cds/envelope so this package depends on the domain alone and both programs
 * can import it without pulling in I/O.
 */
import { z } from 'zod';
import { isPartyCode } from '@cds/domain';

/** RFC 9562 UUIDv7, lowercase (the same rule as @cds/platform's isUuidV7). */
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const messageIdSchema = z.string().regex(UUID_V7, 'not a lowercase UUIDv7');
// A plain refinement, not the type guard, so the PartyCode brand does not leak into every type.
export const partySchema = z.string().refine((code): boolean => isPartyCode(code), 'not a party code');
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 lowercase hex digits');
/** Epoch milliseconds and byte counts. */
export const wholeNumberSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** Key ids of transport (`t-…`) and hub (`hub-…`) keys. */
export const signerKidSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a key id');

export const ed25519PublicJwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not an Ed25519 public key'),
  kid: signerKidSchema,
});
export type Ed25519PublicJwk = z.infer<typeof ed25519PublicJwkSchema>;
