import type { CSSProperties } from 'react';
import { formatDateTime } from '../lib/format';

const WHOLE: CSSProperties = { whiteSpace: 'nowrap' };

/**
 * `dd/MM/yyyy HH:mm` (lib/format.ts) for a table cell: the line may break between the day and the
 * time, never inside either, so a wide list on a 1366 px screen gets a two-line date column rather
 * than a table that scrolls sideways. The text stays "dd/MM/yyyy HH:mm" for screen readers and copy.
 */
export function DateTimeText({ iso }: { readonly iso: string | null | undefined }) {
  const text = formatDateTime(iso);
  const [day, time] = text.split(' ');
  if (!day || !time) return <>{text}</>;
  return (
    <>
      <span style={WHOLE}>{day}</span> <span style={WHOLE}>{time}</span>
    </>
  );
}
