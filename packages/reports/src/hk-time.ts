/**
 * Hong Kong days and times for reports (SPEC §11: every "day" is an Asia/Hong_Kong calendar day;
 * the UI shows dd/MM/yyyy HH:mm). Hong Kong has kept UTC+8 without daylight saving since 1979, so a
 * fixed offset gives the same answers as the time-zone database for every date CDS can hold, and
 * formats 100,000 rows without Intl's cost per call (hk-time.test.ts holds it against Intl).
 */
const HK_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of 00:00 in Hong Kong on `day` (YYYY-MM-DD), or null when it is not a real date. */
export function hongKongDayStart(day: string): number | null {
  const match = DAY_PATTERN.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, date);
  const check = new Date(utc);
  // Date.UTC rolls 2026-02-30 over into March; a real date survives the round trip.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) {
    return null;
  }
  return utc - HK_OFFSET_MS;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A Date whose UTC fields read as Hong Kong wall-clock time (what a spreadsheet cell shows). */
export function hongKongWallClock(epochMs: number): Date {
  return new Date(epochMs + HK_OFFSET_MS);
}

/** dd/MM/yyyy in Hong Kong. */
export function formatHongKongDate(epochMs: number): string {
  const d = hongKongWallClock(epochMs);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** dd/MM/yyyy HH:mm in Hong Kong. */
export function formatHongKongDateTime(epochMs: number): string {
  const d = hongKongWallClock(epochMs);
  return `${formatHongKongDate(epochMs)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** YYYY-MM-DD (the CLI's form) → dd/MM/yyyy (the printed form). */
export function printedDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}
