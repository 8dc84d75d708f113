/**
 * Dates typed by hand (SPEC §11: the UI writes dates dd/MM/yyyy). A clerk types them the Hong Kong way,
 * 31/12/2026 (day and month may have one digit), or pastes an ISO day 2026-12-31; both become the
 * `YYYY-MM-DD` string the pages and the API use. Anything else, including days that do not exist
 * (31/02/2026), is null: the field then says so rather than guessing.
 */
const DAY_MONTH_YEAR = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDayMonthYear(text: string): string | null {
  const typed = text.trim();
  const dmy = DAY_MONTH_YEAR.exec(typed);
  const iso = dmy ? null : ISO_DAY.exec(typed);
  const parts = dmy ? [dmy[3], dmy[2], dmy[1]] : iso ? [iso[1], iso[2], iso[3]] : null;
  if (!parts) return null;
  const [year, month, day] = parts.map(Number) as [number, number, number];
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  // Day 0 of the next month is the last day of this one (UTC: no time zone can shift it).
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const TIME = /^(\d{1,2}):(\d{2})$/;

/**
 * A Hong Kong wall-clock time typed by hand: `31/12/2026 18:30` (or `2026-12-31 18:30`,
 * `2026-12-31T18:30`) → `2026-12-31T18:30`, the `datetime-local` form the pages use; else null.
 */
export function parseDayMonthYearTime(text: string): string | null {
  const [dayText, timeText, ...more] = text.trim().replace('T', ' ').split(/\s+/);
  if (dayText === undefined || timeText === undefined || more.length > 0) return null;
  const day = parseDayMonthYear(dayText);
  const time = TIME.exec(timeText);
  if (day === null || time === null) return null;
  const [hour, minute] = [Number(time[1]), Number(time[2])];
  if (hour > 23 || minute > 59) return null;
  return `${day}T${String(hour).padStart(2, '0')}:${time[2]}`;
}

/** `YYYY-MM-DD` → `dd/MM/yyyy` (and `YYYY-MM-DDTHH:mm` → `dd/MM/yyyy HH:mm`), for messages that name a limit. */
export function showDay(isoDay: string): string {
  const [year, month, day] = isoDay.slice(0, 10).split('-');
  const time = isoDay.slice(11, 16);
  return `${day}/${month}/${year}${time ? ` ${time}` : ''}`;
}
