/**
 * Signing and verifying receipts as compact JWS (EdDSA over Ed25519, via jose). Both programs use
 * these: the hub signs acceptance receipts and checks delivery/refusal receipts before it keeps them;
 * a node signs delivery/refusal receipts and checks every receipt it receives.
 */
import { CompactSign, compactVerify, importJWK, type JWK } from 'jose';
import { z } from 'zod';
import { AppError } from '@cds/domain';
import { signerKidSchema } from './fields.js';
import {
  ACCEPTANCE_RECEIPT_FORMAT,
  acceptanceReceiptSchema,
  MAX_RECEIPT_JWS_CHARS,
  RECEIPT_JWS_TYPE,
  recipientReceiptSchema,
  type AcceptanceReceipt,
  type Receipt,
  type RecipientReceipt,
} from './receipts.js';

export interface ReceiptSigner {
  readonly kid: string;
  /** Ed25519 private JWK (kty, crv, x, d). */
  readonly privateJwk: JWK;
}

/** Only `x` is used: the caller has already decided this is the right key for the signer. */
export interface ReceiptVerifier {
  readonly x: string;
}

const protectedHeaderSchema = z.strictObject({
  alg: z.literal('EdDSA'),
  kid: signerKidSchema,
  typ: z.literal(RECEIPT_JWS_TYPE),
});

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function invalid(detail: string): AppError {
  return new AppError('receipt.invalid', { detail });
}

/**
 * jose ignores the spare low bits of a last base64url character, so two spellings would verify
 * alike; insisting on the canonical one keeps a receipt's text as unique as its content.
 */
function canonical(part: string): boolean {
  return BASE64URL.test(part) && Buffer.from(part, 'base64url').toString('base64url') === part;
}

function parts(jws: string): [string, string, string] {
  if (jws.length > MAX_RECEIPT_JWS_CHARS) throw invalid('the receipt is too large');
  const split = jws.split('.');
  const [head = '', payload = '', signature = ''] = split;
  if (split.length !== 3 || ![head, payload, signature].every(canonical)) {
    throw invalid('not a compact JWS');
  }
  return [head, payload, signature];
}

/** The signer's key id, read without verifying: it only says which key to verify with. */
export function receiptSignerKid(jws: string): string {
  const [head] = parts(jws);
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
  } catch {
    throw invalid('the protected header is not JSON');
  }
  const parsed = protectedHeaderSchema.safeParse(header);
  if (!parsed.success)
    throw invalid(`the protected header is not {alg: EdDSA, kid, typ: ${RECEIPT_JWS_TYPE}}`);
  return parsed.data.kid;
}

export async function signReceipt(receipt: Receipt, signer: ReceiptSigner): Promise<string> {
  const schema =
    receipt.format === ACCEPTANCE_RECEIPT_FORMAT ? acceptanceReceiptSchema : recipientReceiptSchema;
  const checked = schema.safeParse(receipt);
  if (!checked.success) throw invalid(checked.error.issues[0]?.message ?? 'malformed receipt');
  const { kty, crv, x, d } = signer.privateJwk;
  const key = await importJWK({ kty, crv, x, d }, 'EdDSA');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(checked.data)))
    .setProtectedHeader({ alg: 'EdDSA', kid: signer.kid, typ: RECEIPT_JWS_TYPE })
    .sign(key);
}

async function verifiedPayload(jws: string, verifier: ReceiptVerifier): Promise<unknown> {
  receiptSignerKid(jws);
  const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: verifier.x }, 'EdDSA');
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, key, { algorithms: ['EdDSA'] }));
  } catch {
    throw invalid('the signature does not verify with the signer’s key');
  }
  try {
    return JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    throw invalid('the payload is not JSON');
  }
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Verifies with the hub's public key; the receipt must name the key that signed it. */
export async function verifyAcceptanceReceipt(
  jws: string,
  hubKey: ReceiptVerifier & { readonly kid: string },
): Promise<AcceptanceReceipt> {
  if (receiptSignerKid(jws) !== hubKey.kid) throw invalid(`not signed by the hub key ${hubKey.kid}`);
  const parsed = acceptanceReceiptSchema.safeParse(await verifiedPayload(jws, hubKey));
  if (!parsed.success) throw invalid(describe(parsed.error));
  if (parsed.data.hubKid !== hubKey.kid) throw invalid('hubKid differs from the signing key');
  return parsed.data;
}

/** Verifies a delivery or refusal receipt with the recipient's transport key. */
export async function verifyRecipientReceipt(
  jws: string,
  transportKey: ReceiptVerifier,
): Promise<RecipientReceipt> {
  const parsed = recipientReceiptSchema.safeParse(await verifiedPayload(jws, transportKey));
  if (!parsed.success) throw invalid(describe(parsed.error));
  return parsed.data;
}
