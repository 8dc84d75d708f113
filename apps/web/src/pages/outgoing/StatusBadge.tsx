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

export function StatusBadge({ status }: { status: string }) {
  const lang = useLang();
  return (
    <Badge
      color={STATUS_COLOUR[status as OutgoingStatus] ?? 'gray'}
      variant="light"
      radius="sm"
      size="md"
      data-status={status}
      style={{ overflow: 'visible' }}
    >
      {label(OUTGOING_STATUS_TABLE, status, lang)}
    </Badge>
  );
}
