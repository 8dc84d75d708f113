import { describe, expect, it } from 'vitest';
import { checkSenderKey, type SenderKeyWindow } from './sender-key-rule.js';
import type { AppError } from './errors.js';
import { latinProse } from './latin-prose.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const T = Date.UTC(2026, 8, 1);

// K1 valid [T, T+365d), published at T; K2 replaces it, published at T+100d.
const K1: SenderKeyWindow = { kid: 'aaaaaaaaaaaaaaaa', validFrom: T, validTo: T + 365 * DAY, publishedAt: T };
const K2: SenderKeyWindow = {
  kid: 'bbbbbbbbbbbbbbbb',
  validFrom: T + 100 * DAY,
  validTo: T + 465 * DAY,
  publishedAt: T + 100 * DAY,
};

type Row = [
  label: string,
  keys: SenderKeyWindow[],
  kid: string,
  sealedAt: number,
  now: number,
  outcome: string,
];

// Outcome: 'ok' or the expected error code, then (for key_not_valid) the reason code.
const TABLE: Row[] = [
  ['valid key, sealed just now', [K1], K1.kid, T + 10 * DAY, T + 10 * DAY, 'ok'],
  ['sealed 4 min ahead of the hub', [K1], K1.kid, T + 10 * DAY + 4 * MIN, T + 10 * DAY, 'ok'],
  [
    'sealed 6 min ahead of the hub',
    [K1],
    K1.kid,
    T + 10 * DAY + 6 * MIN,
    T + 10 * DAY,
    'envelope.clock_skew',
  ],
  ['unknown kid', [K1], 'cccccccccccccccc', T + DAY, T + DAY, 'envelope.unknown_sender_key'],
  [
    'sealed before the key existed',
    [K1],
    K1.kid,
    T - DAY,
    T + DAY,
    'envelope.key_not_valid:sender_key.before_valid',
  ],
  ['hub clock 4 min behind validFrom', [K1], K1.kid, T, T - 4 * MIN, 'ok'],
  ['hub clock 6 min behind validFrom', [K1], K1.kid, T, T - 6 * MIN, 'envelope.clock_skew'],
  [
    'expired, sealed after expiry',
    [K1],
    K1.kid,
    T + 366 * DAY,
    T + 366 * DAY,
    'envelope.key_not_valid:sender_key.after_expiry',
  ],
  ['expired 1 day ago, sealed inside validity (resend)', [K1], K1.kid, T + 300 * DAY, T + 366 * DAY, 'ok'],
  ['expired 29 days ago, sealed inside validity', [K1], K1.kid, T + 300 * DAY, T + 394 * DAY, 'ok'],
  [
    'expired 30 days ago, sealed inside validity',
    [K1],
    K1.kid,
    T + 300 * DAY,
    T + 395 * DAY,
    'envelope.key_not_valid:sender_key.long_expired',
  ],
  ['superseded, sealed before the change', [K1, K2], K1.kid, T + 99 * DAY, T + 120 * DAY, 'ok'],
  [
    'superseded, sealed 4 min after the change',
    [K1, K2],
    K1.kid,
    T + 100 * DAY + 4 * MIN,
    T + 120 * DAY,
    'ok',
  ],
  [
    'superseded, sealed 6 min after the change',
    [K1, K2],
    K1.kid,
    T + 100 * DAY + 6 * MIN,
    T + 120 * DAY,
    'envelope.key_not_valid:sender_key.superseded',
  ],
  ['the successor signs after the change', [K1, K2], K2.kid, T + 120 * DAY, T + 120 * DAY, 'ok'],
];

describe('which key may sign a header the hub accepts (SPEC §2.3)', () => {
  for (const [label, keys, kid, sealedAt, now, outcome] of TABLE) {
    it(`${label}: ${outcome}`, () => {
      const run = () => checkSenderKey({ party: '123456', kid, sealedAt, now, keys });
      if (outcome === 'ok') {
        expect(run().kid).toBe(kid);
        return;
      }
      const [code, fragment] = outcome.split(':');
      let caught: unknown;
      try {
        run();
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ code });
      if (fragment) {
        expect((caught as { details: { reason: string } }).details.reason).toBe(fragment);
        // Said in Chinese, with the times it names, no English words.
        expect(latinProse((caught as AppError).messageIn('zh-HK'))).toBeNull();
      }
    });
  }
});
