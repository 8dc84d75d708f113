/**
 * Keyset cursors of the relay's two feeds. Opaque to callers; the tag keeps one feed's cursor from
 * being used on the other, and anything malformed is the caller's mistake (usage.invalid_argument).
 */
import { AppError } from '@cds/domain';

function encodeCursor(value: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, tag: 'm' | 'r'): unknown[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value[0] === tag) return value;
  } catch {
    // fall through: a malformed cursor is the caller's mistake
  }
  throw new AppError('usage.invalid_argument', { detail: 'invalid page cursor' });
}

/** Mailbox position: (acceptedAt, message id) of the last entry seen. */
export function mailboxCursor(acceptedAt: number, messageId: string): string {
  return encodeCursor(['m', acceptedAt, messageId]);
}

export function mailboxAfter(cursor: string): { at: number; id: string } {
  const [, at, id] = decodeCursor(cursor, 'm');
  if (!Number.isSafeInteger(at) || typeof id !== 'string') {
    throw new AppError('usage.invalid_argument', { detail: 'invalid page cursor' });
  }
  return { at: at as number, id };
}

/** Receipt feed position: the seq of the last receipt seen. */
export function receiptCursor(seq: number): string {
  return encodeCursor(['r', seq]);
}

export function receiptsAfter(cursor: string): number {
  const [, seq] = decodeCursor(cursor, 'r');
  if (!Number.isSafeInteger(seq))
    throw new AppError('usage.invalid_argument', { detail: 'invalid page cursor' });
  return seq as number;
}
