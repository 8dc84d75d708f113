import { randomBytes } from 'node:crypto';
import type { IdGenerator } from '@cds/domain';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * RFC 9562 UUIDv7: 48-bit millisecond time, then random bits. Ids made in the same millisecond
 * by one generator stay ordered because the 12-bit rand_a field is used as a counter.
 */
export function createIdGenerator(now: () => number = Date.now): IdGenerator {
  let lastMs = -1;
  let counter = 0;
  return {
    next(): string {
      let ms = now();
      if (ms <= lastMs) {
        ms = lastMs;
        counter += 1;
        if (counter > 0xfff) {
          ms = lastMs + 1;
          counter = 0;
        }
      } else {
        counter = randomBytes(2).readUInt16BE(0) & 0x3ff;
      }
      lastMs = ms;
      const bytes = randomBytes(16);
      bytes.writeUIntBE(ms, 0, 6);
      bytes[6] = 0x70 | (counter >> 8);
      bytes[7] = counter & 0xff;
      bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
      const hex = bytes.toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}

export function isUuidV7(value: string): boolean {
  return UUID_V7.test(value);
}
