// The demo layout of SPEC §11: fixed parties, ports and secrets. Demo secrets only work with CDS_DEMO=1.
// CDS_DEMO_PORT_OFFSET shifts every port so the demo test can run beside a real demo (tests never use 8700–8711).
const offset = Number.parseInt(process.env.CDS_DEMO_PORT_OFFSET ?? '0', 10) || 0;

export const HUB_PORT = 8700 + offset;

export const DEMO_NODES = [
  { party: '123456', role: 'school', port: 8701 + offset, label: 'Demo school 示範學校 123456' },
  { party: '654321', role: 'school', port: 8702 + offset, label: 'Demo school 示範學校 654321' },
  {
    party: '111111',
    role: 'school',
    port: 8703 + offset,
    label: 'Unregistered school 未註冊學校 111111',
    unregistered: true,
  },
  { party: 'EDB', role: 'agency', port: 8710 + offset, label: 'Education Bureau 教育局' },
  { party: 'HKEAA', role: 'agency', port: 8711 + offset, label: 'HKEAA 考評局' },
];

export const DEMO_USERS = [
  { username: 'cdsadmin', group: 'CDS_ADMIN' },
  { username: 'sysadmin', group: 'SYSTEM_ADMIN' },
  { username: 'head', group: 'SCHOOL_HEAD' },
  { username: 'staff', group: 'STAFF' },
];

export const DEMO_PASSWORD = 'Demo-Pass-2026!';

export function demoSchoolKey(party) {
  return `Demo-Key-${party}-2026`;
}
