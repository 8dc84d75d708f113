import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../app-route';
import { ExportPage } from '../pages/outgoing/ExportPage';
import { MessagePage } from '../pages/outgoing/MessagePage';
import { NewMessagePage } from '../pages/outgoing/NewMessagePage';
import { OutgoingListPage } from '../pages/outgoing/OutgoingListPage';
import { ProcessPage } from '../pages/outgoing/ProcessPage';
import { RightGate } from '../shell/RightGate';

const messageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/outgoing/$id',
  component: function OutgoingMessageRoute() {
    const { id } = messageRoute.useParams();
    return (
      <RightGate right="cds.outgoing.own">
        <MessagePage key={id} id={id} />
      </RightGate>
    );
  },
});

/** 寄發訊息: the list, 編修訊息 (new, upload, one message), 處理訊息, 已庫存寄發訊息 and 匯出訊息. */
export const outgoingRoutes = [
  createRoute({
    getParentRoute: () => appRoute,
    path: '/outgoing',
    component: () => (
      <RightGate right="cds.outgoing.own">
        <OutgoingListPage key="outbox" />
      </RightGate>
    ),
  }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/outgoing/new',
    component: () => (
      <RightGate right="cds.outgoing.own">
        <NewMessagePage key="new" />
      </RightGate>
    ),
  }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/outgoing/upload',
    component: () => (
      <RightGate right="cds.outgoing.own">
        <NewMessagePage key="upload" upload />
      </RightGate>
    ),
  }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/outgoing/process',
    component: () => (
      <RightGate right="cds.outgoing.process">
        <ProcessPage />
      </RightGate>
    ),
  }),
  messageRoute,
  createRoute({
    getParentRoute: () => appRoute,
    path: '/archive/outgoing',
    component: () => (
      <RightGate right="cds.archive">
        <OutgoingListPage key="archive" archived />
      </RightGate>
    ),
  }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/export',
    component: () => (
      <RightGate right="cds.exportImport">
        <ExportPage />
      </RightGate>
    ),
  }),
];
