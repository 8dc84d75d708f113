/**
 * The documentation screenshots (issue 7): every main screen in zh-HK and en, full page at the
 * config's 1366×860 viewport, against a fixture node of its own (school 123456, registered, the hub
 * gone away, two READY messages and two real EDB messages received: e2e/support/fixture-node.ts),
 * so the shots show a school at work and do not depend on what other specs did to the shared node.
 * `npm run docs:screenshots` writes them to docs/screenshots/; in CI they go to a temporary folder
 * and this spec fails if a listed screen is missing or blank, scrolls sideways at 1366 px, or has an
 * axe (WCAG 2 A/AA) violation. One test, so CI pays once.
 */
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { E2E_PASSWORD, startFixtureNode, type FixtureNode } from './support/fixture-node.js';

interface Screen {
  /** File name stem: `<name>.<lang>.png`. */
  readonly name: string;
  /** A function when the path holds an id the fixture only knows once seeded. */
  readonly path: string | (() => string);
  /** Who sees the screen (e2e/support/fixture-node.ts); null = logged out. */
  readonly user: 'head' | 'cdsadmin' | null;
  /** The menu entry the screen sits under, opened for the shot as a user arriving from the menu sees it. */
  readonly parent?: keyof typeof PARENTS;
}

const PARENTS = {
  outgoing: { 'zh-HK': '寄發訊息', en: 'Outgoing messages' },
  transmission: { 'zh-HK': '傳送', en: 'Transmission' },
  exportImport: { 'zh-HK': '匯出/匯入訊息', en: 'Export / import messages' },
  archive: { 'zh-HK': '已庫存訊息', en: 'Archived messages' },
  key: { 'zh-HK': '學校密碼匙管理', en: 'School Key management' },
  student: { 'zh-HK': '學生資料', en: 'Students' },
  settings: { 'zh-HK': '設定', en: 'Settings' },
} as const;

/** The screens of docs/screenshots/README.md, in menu order (apps/web/src/lib/menu.ts). */
const SCREENS: readonly Screen[] = [
  { name: '01-login', path: '/login', user: null },
  // The head lands on the notices at login (SPEC §6: notices go to SYSTEM_ADMIN and SCHOOL_HEAD).
  { name: '02-home-notices', path: '/notices', user: 'head' },
  { name: '03-outgoing-list', path: '/outgoing', user: 'cdsadmin', parent: 'outgoing' },
  { name: '04-outgoing-new', path: '/outgoing/new', user: 'cdsadmin' },
  { name: '05-outgoing-process', path: '/outgoing/process', user: 'cdsadmin', parent: 'outgoing' },
  { name: '06-incoming-list', path: '/incoming', user: 'cdsadmin' },
  // EDB's circular, opened: header fields, 處理結果, attachments by encryption level, 回覆.
  { name: '06a-incoming-message', path: () => `/incoming/${opened().id}`, user: 'cdsadmin' },
  { name: '07-transmission-now', path: '/transmission', user: 'cdsadmin', parent: 'transmission' },
  {
    name: '08-transmission-schedule',
    path: '/transmission/schedule',
    user: 'cdsadmin',
    parent: 'transmission',
  },
  { name: '09-export', path: '/export', user: 'cdsadmin', parent: 'exportImport' },
  { name: '10-import', path: '/import', user: 'cdsadmin', parent: 'exportImport' },
  { name: '11-archive-outgoing', path: '/archive/outgoing', user: 'cdsadmin', parent: 'archive' },
  { name: '12-log', path: '/log', user: 'cdsadmin' },
  { name: '13-reports', path: '/reports', user: 'cdsadmin' },
  { name: '14-key-change', path: '/key/change', user: 'cdsadmin', parent: 'key' },
  { name: '15-registration', path: '/registration', user: 'cdsadmin' },
  { name: '16-settings', path: '/settings', user: 'cdsadmin', parent: 'settings' },
  { name: '17-help', path: '/help', user: 'cdsadmin' },
  { name: '18-users', path: '/users', user: 'cdsadmin' },
  { name: '19-students', path: '/student', user: 'cdsadmin', parent: 'student' },
  { name: '20-student-exchange', path: '/student/exchange', user: 'cdsadmin', parent: 'student' },
];

const LANGS = [
  { code: 'zh-HK', switch: '中文' },
  { code: 'en', switch: 'English' },
] as const;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// Set in the test: Playwright also loads this file in its main process, which must not make a folder.
let dir = '';
let school: FixtureNode;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  school = await startFixtureNode({ incoming: true });
});
test.afterAll(async () => school?.stop());

function opened(): FixtureNode['incoming'][number] {
  const message = school.incoming.find((m) => m.state === 'decrypted');
  if (!message) throw new Error('the fixture holds no opened incoming message');
  return message;
}

/** Logs in through the login page and waits for the server's answer (then the app moves on). */
async function logIn(page: Page, username: string): Promise<void> {
  await page.goto(`${school.url}/login`);
  await page.getByRole('textbox', { name: /用戶名稱|User name/ }).fill(username);
  await page.getByLabel(/^(密碼|Password)/).fill(E2E_PASSWORD);
  const answered = page.waitForResponse(
    (response) => response.url().endsWith('/api/session') && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: /^(登入|Log in)$/ }).click();
  await answered;
}

async function switchTo(page: Page, lang: (typeof LANGS)[number]): Promise<void> {
  if ((await page.locator('html').getAttribute('lang')) === lang.code) return;
  await page.getByText(lang.switch, { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang.code);
}

/** Opens the screen, waits for its heading and a quiet network, and shoots the full page. */
async function shoot(page: Page, screen: Screen, lang: (typeof LANGS)[number]): Promise<void> {
  const heading = page.getByRole('heading', { level: 1 });
  const path = typeof screen.path === 'string' ? screen.path : screen.path();
  if (screen.user === null) await page.goto(`${school.url}${path}`);
  else {
    const moving = new URL(page.url()).pathname !== path;
    const previous = moving ? await heading.first().textContent() : null;
    // In-app navigation (the router follows popstate): a full reload per shot would cost the
    // app's start-up forty times over.
    await page.evaluate((path) => {
      window.history.pushState({}, '', path);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
    // The URL changes at once; the shot must wait for the new page, not the one still showing.
    if (previous) await expect(heading.first()).not.toHaveText(previous);
  }
  await expect(page).toHaveURL(new RegExp(`${path.replace(/\//g, '\\/')}(\\?|$)`));
  await expect(page.locator('html')).toHaveAttribute('lang', lang.code);
  await expect(heading.first()).toBeVisible();
  const parent = screen.parent
    ? page
        .getByTestId('main-menu')
        .locator('.mantine-NavLink-root', {
          has: page.getByText(PARENTS[screen.parent][lang.code], { exact: true }),
        })
        .first()
    : null;
  // The menu opens a parent only when the app starts on its page; in-app navigation leaves it shut.
  const opened = parent !== null && (await parent.getAttribute('data-expanded')) === null;
  if (opened) await toggle(parent, 'open');
  if (parent) await expect(page.getByTestId('main-menu').locator('a[data-active]')).toBeVisible();
  await networkIdle(page);
  await page.screenshot({ path: join(dir, `${screen.name}.${lang.code}.png`), fullPage: true });
  // Everything fits a 1366 px wide screen: no page, and no table, that scrolls sideways.
  const wide = await page.evaluate(() =>
    [document.documentElement, ...document.querySelectorAll<HTMLElement>('.cds-table-wrap')]
      .filter((element) => element.scrollWidth > element.clientWidth + 1)
      .map(
        (element) =>
          `${element.className || element.tagName} ${element.scrollWidth}/${element.clientWidth} px`,
      ),
  );
  for (const what of wide) overflowing.push(`${screen.name}.${lang.code}: ${what}`);
  // Every screen in both languages passes axe (WCAG 2 A and AA), with its menu as a user sees it.
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  for (const violation of violations)
    inaccessible.push(
      `${screen.name}.${lang.code}: ${violation.id} (${violation.impact ?? '?'}) ${violation.nodes
        .map((node) => node.target.join(' '))
        .join(', ')}`,
    );
  if (opened) await toggle(parent, 'shut');
}

/** axe's findings on the screens (reported at the end, so one run lists them all). */
const inaccessible: string[] = [];

/** Screens wider than the viewport (checked with the shots, reported at the end). */
const overflowing: string[] = [];

const pending = new WeakMap<Page, Set<object>>();

/** Counts the page's requests in flight, so in-app navigations can wait for a quiet network too. */
function trackRequests(page: Page): void {
  const inFlight = new Set<object>();
  pending.set(page, inFlight);
  page.on('request', (request) => inFlight.add(request));
  page.on('requestfinished', (request) => inFlight.delete(request));
  page.on('requestfailed', (request) => inFlight.delete(request));
}

/**
 * Playwright's 'networkidle' load state is reached once per document, so after a pushState it
 * returns at once: wait for it, then for no request in flight for 150 ms, and the fonts.
 */
async function networkIdle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  const inFlight = pending.get(page) ?? new Set();
  let quietSince = Date.now();
  await expect
    .poll(
      () => {
        if (inFlight.size > 0) quietSince = Date.now();
        return Date.now() - quietSince >= 150;
      },
      { intervals: [50] },
    )
    .toBe(true);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** Opens or shuts a menu parent and waits for its collapse animation to end (no half-open shots). */
async function toggle(parent: Locator, to: 'open' | 'shut'): Promise<void> {
  await parent.click();
  // No hover highlight left on the menu in the next shot.
  await parent.page().mouse.move(0, 0);
  const collapse = parent.locator('xpath=following-sibling::*[1]');
  await expect
    .poll(
      () =>
        collapse
          .evaluate((element) => {
            const height = element.getBoundingClientRect().height;
            return height > 0 && height >= element.scrollHeight - 1
              ? 'open'
              : height === 0
                ? 'shut'
                : 'moving';
          })
          .catch(() => 'shut'),
      { intervals: [50] },
    )
    .toBe(to);
}

test('docs screenshots: every listed screen in zh-HK and en', async ({ page }) => {
  test.setTimeout(240_000);
  trackRequests(page);
  dir = process.env['CDS_SCREENSHOT_DIR'] ?? (await mkdtemp(join(tmpdir(), 'cds-screenshots-')));
  await mkdir(dir, { recursive: true });
  const users = [...new Set(SCREENS.map((screen) => screen.user))];
  for (const user of users) {
    const screens = SCREENS.filter((screen) => screen.user === user);
    if (user === null) await page.goto(`${school.url}/login`);
    else await logIn(page, user);
    await expect(page.getByRole('heading').first()).toBeVisible();
    try {
      for (const lang of LANGS) {
        await switchTo(page, lang);
        for (const screen of screens) await shoot(page, screen, lang);
      }
    } finally {
      // The language is saved with the user and the page: the next user starts in Chinese again.
      await switchTo(page, LANGS[0]);
    }
    if (user !== null) {
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: /登出|Log out/ }).click();
      await expect(page).toHaveURL(/\/login/);
    }
  }

  const missing: string[] = [];
  for (const screen of SCREENS) {
    for (const lang of LANGS) {
      const file = `${screen.name}.${lang.code}.png`;
      const bytes = await readFile(join(dir, file)).catch(() => Buffer.alloc(0));
      const png = bytes.subarray(0, 8).equals(PNG_SIGNATURE);
      if (!png || bytes.length <= 10_000) missing.push(`${file} (${bytes.length} bytes, png: ${png})`);
    }
  }
  expect(missing, `screenshots missing or blank in ${dir}`).toEqual([]);
  expect(overflowing, 'wider than a 1366 px screen').toEqual([]);
  expect(inaccessible, 'axe violations').toEqual([]);
});
