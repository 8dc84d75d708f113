/**
 * The key and version part of the hub API (SPEC §2.1, §2.3, §4): publishing a further message key
 * of a registered party, and the software version report. Signed with the caller's transport key
 * (RFC 9421) like every other route; the hub validates with these schemas, the node parses with them.
 */
import { z } from 'zod';

export const keysPaths = {
  /** POST: a key statement (rollover, or recovered with the operator's code). */
  keys: '/v1/keys',
  /** POST: the node's software version, after it started with a new one. */
  version: '/v1/version',
  /** POST: a transport key rotation, signed by the previous key; the request by the new one. */
  transportKeys: '/v1/transport-keys',
} as const;

/** A key statement as General JWS: its own signature, and the previous key's on a rollover. */
export const keyStatementJwsSchema = z.object({
  payload: z.string().max(16_384),
  signatures: z
    .array(z.object({ protected: z.string().max(1024), signature: z.string().max(256) }))
    .min(1)
    .max(2),
});

export const publishKeyRequestSchema = z.object({
  statement: keyStatementJwsSchema,
  /** The operator's key-recovery code (XXXXX-XXXXX-XXXXX-XXXXX), only for an unchained key. */
  code: z.string().max(64).optional(),
});

export const publishKeyResponseSchema = z.object({
  kid: z.string(),
  /** True when the key is unchained: other nodes show it as 未核實 until confirmed. */
  recovery: z.boolean(),
  directory: z.object({ seq: z.number(), hash: z.string() }),
});

export const versionReportRequestSchema = z.object({
  version: z.string().min(1).max(64),
});

export const versionReportResponseSchema = z.object({
  party: z.string(),
  version: z.string(),
  reportedAt: z.number(),
});

export const transportRotationRequestSchema = z.object({
  /** Compact JWS by the previous transport key over {format, previousKid, next, issuedAt}. */
  rotation: z.string().min(1).max(4096),
});

export const transportRotationResponseSchema = z.object({
  party: z.string(),
  kid: z.string(),
  directory: z.object({ seq: z.number(), hash: z.string() }),
});
