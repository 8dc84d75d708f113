import type { Clock } from '@cds/domain';
import { readTestHook, type Env } from './test-hooks.js';

export const systemClock: Clock = { now: () => Date.now() };

/**
 * The process clock. Under test hooks CDS_TEST_NOW (ISO 8601 or epoch ms) fixes the starting
 * instant; time still advances from there so timeouts and leases behave as in production.
 */
export function createClock(env: Env = process.env): Clock {
  const fixed = readTestHook('CDS_TEST_NOW', env);
  if (fixed === undefined) return systemClock;
  const start = /^\d+$/.test(fixed) ? Number(fixed) : Date.parse(fixed);
  if (!Number.isFinite(start)) throw new Error(`CDS_TEST_NOW is not a valid time: ${fixed}`);
  const offset = start - Date.now();
  return { now: () => Date.now() + offset };
}

const HK_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Hong_Kong',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Asia/Hong_Kong calendar day (YYYY-MM-DD) of an instant: every "day" in CDS is one of these. */
export function hongKongDay(epochMs: number): string {
  return HK_DATE.format(new Date(epochMs));
}
