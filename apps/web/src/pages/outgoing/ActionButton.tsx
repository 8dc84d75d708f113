import type { ReactNode } from 'react';
import { Button, Tooltip } from '@mantine/core';

/**
 * A button the state machine or the selection does not allow now: visible, disabled, and its
 * tooltip says why (SPEC §3.2). The wrapper takes the focus so keyboard users can read the reason.
 */
export function ActionButton(props: {
  label: string;
  icon: ReactNode;
  reason: string | null;
  onClick: () => void;
  color?: string;
  variant?: string;
  loading?: boolean;
}) {
  const button = (
    <Button
      variant={props.variant ?? 'light'}
      color={props.color}
      leftSection={props.icon}
      disabled={props.reason !== null}
      loading={props.loading}
      onClick={props.onClick}
    >
      {props.label}
    </Button>
  );
  return props.reason === null ? (
    button
  ) : (
    <Tooltip label={props.reason} withArrow multiline maw={300}>
      <span tabIndex={0} data-reason={props.reason}>
        {button}
      </span>
    </Tooltip>
  );
}
