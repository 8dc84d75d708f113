import { Badge } from '@mantine/core';
import { INCOMING_STATUS_TABLE, label, type IncomingStatus } from '@cds/domain';
import { useLang } from '../../lib/useLang';

/** Sealed (blue) → opened (green) → taken in by a module (teal), or a failure (red). */
const STATUS_COLOUR: Readonly<Record<IncomingStatus, string>> = {
  ENCRYPTED: 'cds',
  DECRYPTED: 'green',
  DECRYPT_FAIL: 'red',
  IMPORTED: 'teal',
  IMPORT_FAIL: 'red',
};

export function IncomingStatusBadge({ status }: { status: string }) {
  const lang = useLang();
  return (
    <Badge
      color={STATUS_COLOUR[status as IncomingStatus] ?? 'gray'}
      variant="light"
      radius="sm"
      size="md"
      data-status={status}
      style={{ overflow: 'visible' }}
      styles={{ label: { overflow: 'visible', textOverflow: 'clip' } }}
    >
      {label(INCOMING_STATUS_TABLE, status, lang)}
    </Badge>
  );
}
