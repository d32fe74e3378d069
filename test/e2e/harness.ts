/**
 * Browser-test harness: a real motcua server (in this process, on a fresh test database with the
 * demo organisation, users and catalogue) serving the built web app from web/dist, and Debian's
 * Chromium driven by playwright-core. See docs/web.md, "Browser tests".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Cookie, type Locator, type Page, type Response } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { seedDemo } from '../../src/db/seed.js';
import { createTestDb, type TestDb } from '../helpers/testDb.js';
import { TEST_NOW } from '../helpers/constants.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');
export const CHROMIUM = process.env.MOTCUA_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };
export const DEMO_PASSWORD = 'demo1234';

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** Builds web/dist when it is missing or older than web/src (npm test builds it beforehand). */
export function ensureWebBuilt(): void {
  const index = path.join(ROOT, 'web', 'dist', 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(newestMtime(path.join(ROOT, 'web', 'src')), fs.statSync(path.join(ROOT, 'web', 'index.html')).mtimeMs);
  if (built >= sources) return;
  // vitest sets NODE_ENV=test, which would give React's development build (and break the size budget).
  const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error('vite build failed');
}

export interface E2EServer {
  app: FastifyInstance;
  db: TestDb;
  baseUrl: string;
  close(): Promise<void>;
}

/** A motcua server on 127.0.0.1:<free port> over a fresh, migrated and seeded database. */
export async function startServer(): Promise<E2EServer> {
  ensureWebBuilt();
  const db = await createTestDb();
  if (!db.fromTemplate) await seedDemo(db, { now: TEST_NOW, scale: 'minimal' });
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-files-'));
  const config = { ...loadConfig({}), host: '127.0.0.1', port: 0, filesDir, cookieSecure: false, jobs: false };
  const app = await buildApp({ db, config });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    db,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await db.dropAfter();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

export interface E2EBrowser {
  context: BrowserContext;
  /** A new tab with no cookies and empty storage, at the desktop size unless told otherwise. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** JavaScript errors raised in any page since the last call (and clears the list). */
  takeErrors(): string[];
  close(): Promise<void>;
}

/** Debian's Chromium with a fresh user-data directory. */
export async function launchBrowser(baseUrl: string): Promise<E2EBrowser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}; install it with: apt-get install -y chromium`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: DESKTOP,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    baseURL: baseUrl,
    // As many users' systems do: the app then shows dialogs and lists without animation, which
    // spares the two-core machine the frames and leaves no list moving under a click.
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(15_000);
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    trackNetwork(page);
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    async newPage(viewport = DESKTOP) {
      for (const p of context.pages()) await p.close();
      await context.clearCookies();
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      // Storage is per origin and survives in a persistent profile: start each test clean.
      await page.goto('/api/v1/health');
      await page.evaluate(() => {
        localStorage.clear();
        sessionStorage.clear();
      });
      return page;
    },
    takeErrors() {
      return errors.splice(0, errors.length);
    },
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

interface NetworkState {
  inflight: Set<unknown>;
  lastChange: number;
}
const network = new WeakMap<Page, NetworkState>();

/** Counts the page's requests in flight (SPA navigations fire no load events to wait for). */
function trackNetwork(page: Page): void {
  const state: NetworkState = { inflight: new Set(), lastChange: Date.now() };
  network.set(page, state);
  page.on('request', (r) => {
    state.inflight.add(r);
    state.lastChange = Date.now();
  });
  const done = (r: unknown) => {
    state.inflight.delete(r);
    state.lastChange = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
}

const LOADING = '#boot, [role=status] .spinner, .ant-spin-spinning, .ant-skeleton';

/**
 * Waits until the app has rendered: no request in flight for 300 ms, the boot text gone, no
 * loading indicator (lazy chunk, data) on the page.
 */
export async function settled(page: Page, timeout = 15_000): Promise<void> {
  const state = network.get(page);
  const deadline = Date.now() + timeout;
  for (;;) {
    const quiet = !state || (state.inflight.size === 0 && Date.now() - state.lastChange >= 300);
    if (quiet && (await page.locator(LOADING).count()) === 0) {
      // Re-check once after a short pause: a finished chunk may start the page's data requests.
      await page.waitForTimeout(100);
      if ((!state || state.inflight.size === 0) && (await page.locator(LOADING).count()) === 0) return;
    }
    if (Date.now() > deadline) throw new Error(`page did not settle within ${timeout} ms: ${page.url()} (${state?.inflight.size ?? 0} requests in flight)`);
    await page.waitForTimeout(50);
  }
}

/** Signs in through the sign-in form. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  if (!page.url().includes('/dang-nhap')) await page.goto('/dang-nhap');
  await page.getByLabel(/Tên đăng nhập|User name/).fill(username);
  await page.getByLabel(/^(Mật khẩu|Password)$/).fill(password);
  await page.getByTestId('sign-in-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));
}

/** Saves a full-page screenshot to test-results/screenshots/<name>.png (a CI artifact). */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * axe-core with the WCAG 2.0/2.1 A and AA rules; returns the serious and critical violations.
 * Legacy mode runs axe in each frame in place instead of merging the frames' results in a new
 * blank page, and only violations are detailed: together under half the time per check, with the
 * same rules (the app has no cross-origin frames for the merge to matter).
 */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

/** Fails with a readable list when axe finds a serious or critical violation. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const found = await seriousViolations(page);
  expect(found, `axe on ${name}:\n${found.map((f) => `  ${f.impact} ${f.id}: ${f.help}\n    ${f.targets.join('\n    ')}`).join('\n')}`).toEqual([]);
}

/** Settles, checks accessibility and saves a screenshot: the standard check of a page. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await settled(page);
  await expectAccessible(page, name);
  await screenshot(page, name);
}

export interface LoadedScript {
  url: string;
  bytes: number;
  gzipBytes: number;
}

/**
 * Every JavaScript file a page load fetches (entry, static imports, modulepreloads and lazy
 * chunks of the page), with its gzip size computed here (level 9, as a server would send it).
 */
export async function scriptsLoadedBy(page: Page, url: string): Promise<LoadedScript[]> {
  const seen = new Map<string, LoadedScript>();
  const pending: Promise<void>[] = [];
  const onResponse = (r: Response) => {
    const u = r.url();
    const type = r.headers()['content-type'] ?? '';
    if (!(u.endsWith('.js') || u.endsWith('.mjs') || type.includes('javascript'))) return;
    pending.push(
      r
        .body()
        .then((body) => {
          seen.set(u, { url: u, bytes: body.length, gzipBytes: zlib.gzipSync(body, { level: 9 }).length });
        })
        .catch(() => undefined),
    );
  };
  page.on('response', onResponse);
  await page.goto(url);
  await settled(page);
  await Promise.all(pending);
  page.off('response', onResponse);
  return [...seen.values()];
}

const tokens = new WeakMap<E2EServer, Map<string, string>>();

/**
 * A request to the server's API as a demo user, through Fastify's inject (no browser). The
 * user's token is fetched once per server, since each sign-in costs an argon2 hash.
 */
export async function apiAs(server: E2EServer, username: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
  let known = tokens.get(server);
  if (!known) tokens.set(server, (known = new Map()));
  let token = known.get(username);
  if (!token) {
    const r = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
    if (r.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${r.statusCode} ${r.body}`);
    token = r.json().token as string;
    known.set(username, token);
  }
  return server.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload: payload as any } : {}) });
}

/** Receives a dossier of `procedureId` at tiepnhan's counter with every required component provided. */
export async function receiveAtCounter(server: E2EServer, procedureId: string, applicant: Record<string, string>): Promise<{ id: string; code: string }> {
  const sheet = (await server.app.inject({ method: 'GET', url: `/api/v1/procedures/${procedureId}` })).json();
  const components = sheet.variants[0].components.map((c: any) => ({ code: c.code, originals: c.originals, certifiedCopies: c.certifiedCopies, copies: c.copies, provided: c.required }));
  const r = await apiAs(server, 'tiepnhan', 'POST', '/api/v1/dossiers', { procedureId, applicant, components, outcome: 'accept' });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().dossier;
}

const sessions = new WeakMap<E2EBrowser, Map<string, Cookie[]>>();

/**
 * A fresh page signed in as `username`, opened at `path`. The first time for a user it signs in
 * through the sign-in form; later it reuses that session's cookies (each sign-in costs an argon2
 * hash), falling back to the form when the server has ended the session.
 */
export async function openAs(browser: E2EBrowser, username: string, path: string): Promise<Page> {
  let known = sessions.get(browser);
  if (!known) sessions.set(browser, (known = new Map()));
  const page = await browser.newPage();
  const saved = known.get(username);
  if (saved) {
    await browser.context.addCookies(saved);
    await page.goto(path);
    await settled(page);
    if (!new URL(page.url()).pathname.startsWith('/dang-nhap')) return page;
  } else {
    await page.goto(`/dang-nhap?next=${encodeURIComponent(path)}`);
  }
  await signIn(page, username);
  await page.waitForURL((u) => u.pathname === path.split('?')[0]);
  known.set(username, await browser.context.cookies());
  await settled(page);
  return page;
}

/**
 * Opens an antd Select (`trigger`) and chooses the option containing `option` (the first one when
 * omitted), until the select shows the choice. Under load a click can land while the list is
 * still moving and miss, or the list can close without a choice, so the list is opened and the
 * option clicked again until the choice shows and the list has closed (which also keeps axe from
 * seeing a fading, unnamed listbox).
 */
export async function chooseOption(page: Page, trigger: Locator, option?: string): Promise<void> {
  const root = trigger.locator('xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const chosen = root.locator('.ant-select-content-has-value, .ant-select-selection-item');
  await expect
    .poll(
      async () => {
        if ((await open.count()) === 0) {
          if ((await chosen.count()) > 0 && (!option || ((await root.textContent()) ?? '').includes(option))) return true;
          await trigger.click({ timeout: 2000 }).catch(() => undefined);
          return false;
        }
        const items = open.locator('.ant-select-item-option');
        const item = (option ? items.filter({ hasText: option }) : items).first();
        if (await item.isVisible()) await item.click({ timeout: 2000 }).catch(() => undefined);
        return false;
      },
      { timeout: 30_000, interval: 300 },
    )
    .toBe(true);
}
