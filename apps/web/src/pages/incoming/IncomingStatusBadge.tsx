import { Badge } from '@mantine/core';
import { INCOMING_STATUS_TABLE, label, type IncomingStatus } from '@cds/domain';
import { useLang } from '../../lib/useLang';

/**
 * Sealed (blue) → opened (teal) → taken in by a module (cyan), or a failure (red). Filled in the
 * darkest shades: white on them keeps 4.5:1 (WCAG AA), which the light variants' tints do not.
 */
const STATUS_COLOUR: Readonly<Record<IncomingStatus, string>> = {
  ENCRYPTED: 'cds.8',
  DECRYPTED: 'teal.9',
  DECRYPT_FAIL: 'red.9',
  IMPORTED: 'cyan.9',
  IMPORT_FAIL: 'red.9',
};

export function IncomingStatusBadge({ status }: { status: string }) {
  const lang = useLang();
  return (
    <Badge
      color={STATUS_COLOUR[status as IncomingStatus] ?? 'gray'}
      variant="filled"
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
