import type { ComponentType } from 'react';
import { createRoute } from '@tanstack/react-router';
import type { Right } from '@cds/domain';
import { appRoute } from '../app-route';
import { KeyChangePage } from '../pages/operations/KeyChangePage';
import { KeyHistoryPage } from '../pages/operations/KeyHistoryPage';
import { LogPage } from '../pages/operations/LogPage';
import { RegistrationPage } from '../pages/operations/RegistrationPage';
import { SchedulePage } from '../pages/operations/SchedulePage';
import { SettingsPage } from '../pages/operations/SettingsPage';
import { TransmissionPage } from '../pages/operations/TransmissionPage';
import { UnconfirmedKeysPage } from '../pages/operations/UnconfirmedKeysPage';
import { VersionPage } from '../pages/operations/VersionPage';
import { RightGate } from '../shell/RightGate';

const page = (path: string, right: Right, Page: ComponentType) =>
  createRoute({
    getParentRoute: () => appRoute,
    path,
    component: () => (
      <RightGate right={right}>
        <Page />
      </RightGate>
    ),
  });

/** 傳送, 聯遞系統紀錄, 學校密碼匙管理, 未核實的新密碼匙, 傳送網上校管系統版本, 系統註冊, 設定. */
export const operationsRoutes = [
  page('/transmission', 'cds.transmission', TransmissionPage),
  page('/transmission/schedule', 'cds.transmission', SchedulePage),
  page('/log', 'cds.log', LogPage),
  page('/key/change', 'cds.key', KeyChangePage),
  page('/key/history', 'cds.key', KeyHistoryPage),
  page('/key/unconfirmed', 'cds.key', UnconfirmedKeysPage),
  page('/version', 'cds.version', VersionPage),
  page('/registration', 'cds.registration', RegistrationPage),
  page('/settings', 'cds.settings', SettingsPage),
];
