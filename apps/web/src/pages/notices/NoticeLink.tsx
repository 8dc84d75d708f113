import type { ReactNode } from 'react';
import { Anchor } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { NOTICE_ALERTS } from '@cds/domain';
import type { NoticeKind } from '../../api/notices';
import { useMe } from '../../shell/useMe';

/** Where a notice is dealt with (domain NOTICE_ALERTS), for users holding the right to go there. */
export function useNoticeLink(kind: NoticeKind): string | null {
  const me = useMe();
  if (kind === 'maintenance') return null;
  const alert = NOTICE_ALERTS[kind];
  return me.rights.includes(alert.right) ? alert.link : null;
}

/** An in-app link that may carry a query string (`/outgoing?status=SEND_FAIL`). */
export function NoticeLink({
  href,
  children,
  onGo,
}: {
  href: string;
  children: ReactNode;
  onGo?: () => void;
}) {
  const navigate = useNavigate();
  return (
    <Anchor
      href={href}
      size="sm"
      onClick={(event) => {
        event.preventDefault();
        onGo?.();
        void navigate({ href });
      }}
    >
      {children}
    </Anchor>
  );
}
