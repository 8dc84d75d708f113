import type { ReactNode } from 'react';
import type { Right } from '@cds/domain';
import { useMe } from './useMe';
import { ForbiddenPage } from '../pages/ForbiddenPage';

/**
 * A page for holders of one right. The node refuses the API calls anyway; this only spares the
 * user a screen of errors when they follow an old link or bookmark.
 */
export function RightGate({ right, children }: { right: Right; children: ReactNode }) {
  const me = useMe();
  return me.rights.includes(right) ? children : <ForbiddenPage />;
}
