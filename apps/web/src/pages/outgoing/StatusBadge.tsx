import { Badge } from '@mantine/core';
import { OUTGOING_STATUS_TABLE, label, type OutgoingStatus } from '@cds/domain';
import { useLang } from '../../lib/useLang';

/**
 * 寄發訊息狀況 with the slides' names. Colours follow the journey: 可輸出 blue → 處理中 orange →
 * 已輸出 teal → 已接收 green; 輸送失敗 red and 已拒絕 grey stand out from the rest.
 */
const STATUS_COLOUR: Readonly<Record<OutgoingStatus, string>> = {
  READY: 'cds',
  PROCESSING: 'orange',
  SENT: 'teal',
  RECEIVED: 'green',
  SEND_FAIL: 'red',
  REJECTED: 'gray',
};

/** The light variant's own text (even shade 9) is under 4.5:1 on the orange, teal and green tints. */
const TEXT: Readonly<Record<OutgoingStatus, string>> = {
  READY: '#1c4b86',
  PROCESSING: '#8a3a00',
  SENT: '#06594a',
  RECEIVED: '#1e5e2b',
  SEND_FAIL: '#a51c1c',
  REJECTED: '#343a40',
};

export function StatusBadge({ status }: { status: string }) {
  const lang = useLang();
  const colour = STATUS_COLOUR[status as OutgoingStatus] ?? 'gray';
  return (
    <Badge
      color={colour}
      c={TEXT[status as OutgoingStatus] ?? '#343a40'}
      variant="light"
      radius="sm"
      size="md"
      data-status={status}
      style={{ overflow: 'visible' }}
      // The whole status, never "RE…": a narrow column grows to the label instead (as 接收訊息's).
      styles={{ label: { overflow: 'visible', textOverflow: 'clip' } }}
    >
      {label(OUTGOING_STATUS_TABLE, status, lang)}
    </Badge>
  );
}
