import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../app-route';
import { ImportPage } from '../pages/incoming/ImportPage';
import { IncomingListPage } from '../pages/incoming/IncomingListPage';
import { IncomingMessagePage } from '../pages/incoming/IncomingMessagePage';
import { RightGate } from '../shell/RightGate';

const messageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/incoming/$id',
  component: function IncomingMessageRoute() {
    const { id } = messageRoute.useParams();
    return (
      <RightGate right="cds.incoming.view">
        <IncomingMessagePage key={id} id={id} />
      </RightGate>
    );
  },
});

/** 接收訊息 (list and one message), 已庫存接收訊息 and 匯入訊息. */
export const incomingRoutes = [
  createRoute({
    getParentRoute: () => appRoute,
    path: '/incoming',
    component: () => (
      <RightGate right="cds.incoming.view">
        <IncomingListPage key="inbox" />
      </RightGate>
    ),
  }),
  messageRoute,
  createRoute({
    getParentRoute: () => appRoute,
    path: '/archive/incoming',
    component: () => (
      <RightGate right="cds.archive">
        <IncomingListPage key="archive" archived />
      </RightGate>
    ),
  }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/import',
    component: () => (
      <RightGate right="cds.exportImport">
        <ImportPage />
      </RightGate>
    ),
  }),
];
