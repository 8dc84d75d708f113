import { describe, expect, it } from 'vitest';
import { createIdGenerator, isUuidV7 } from './ids.js';
import { hongKongDay } from './clock.js';

describe('UUIDv7 ids', () => {
  it('are lowercase UUIDv7 carrying the millisecond time', () => {
    const id = createIdGenerator(() => 1_764_000_000_123).next();
    expect(isUuidV7(id)).toBe(true);
    expect(id).toBe(id.toLowerCase());
    expect(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(1_764_000_000_123);
  });

  it('sort in creation order even within one millisecond', () => {
    const ids = createIdGenerator(() => 1_764_000_000_000);
    const made = Array.from({ length: 5000 }, () => ids.next());
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
    expect(made.every(isUuidV7)).toBe(true);
  });
});

describe('Hong Kong days', () => {
  it('use Asia/Hong_Kong (UTC+8) for the calendar day', () => {
    expect(hongKongDay(Date.parse('2026-11-28T15:59:59Z'))).toBe('2026-11-28');
    expect(hongKongDay(Date.parse('2026-11-28T16:00:00Z'))).toBe('2026-11-29');
  });
});
