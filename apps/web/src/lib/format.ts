/**
 * Dates in the UI are `dd/MM/yyyy HH:mm` in Hong Kong time (SPEC §11), whatever the computer's own
 * time zone or locale; the API gives ISO 8601 UTC.
 */
const HK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Hong_Kong',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    HK.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}
