import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../app-route';
import { DataExchangePage } from '../pages/student/DataExchangePage';
import { ReceivedFormAPage } from '../pages/student/ReceivedFormAPage';
import { StudentsPage } from '../pages/student/StudentsPage';
import { RightGate } from '../shell/RightGate';

/** 學生資料 (the register), 資料互換 (Form A) at a school; 收到的表格 A at EDB. */
export const studentRoutes = [
  createRoute({
    getParentRoute: () => appRoute,
    path: '/student',
    component: () => (
      <RightGate right="student.register">
        <StudentsPage />
      </RightGate>
    ),
  }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/student/exchange',
    component: () => (
      <RightGate right="student.dataExchange">
        <DataExchangePage />
      </RightGate>
    ),
  }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/student/received',
    component: () => (
      <RightGate right="cds.incoming.view">
        <ReceivedFormAPage />
      </RightGate>
    ),
  }),
];
