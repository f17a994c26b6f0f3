// Shipyard, fleets and reports in the browser against the real server (real clock, tick loop and
// gateway). Setup a player could only reach after hours of play is done by SQL: a second planet
// and ships for A, rocket launchers for B. A fast fleet speed makes flights last a few seconds.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { addPlanet } from '../../server/test/support/game-sql.js';
import { launchChromium, newPage, screenshot } from './support/browser.js';
import { startE2eServer, type E2eServer } from './support/server.js';
import { apiLogin, planetOf, sql } from './support/api.js';

const PASSWORD = 'correct-horse-battery';
const CARGO_METAL = 10_000;

async function register(base: string, username: string): Promise<void> {
  const res = await fetch(`${base}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 201) throw new Error(`register ${username}: ${res.status} ${await res.text()}`);
}

async function logIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('connection-state').filter({ hasText: 'connected' }).waitFor({ timeout: 30_000 });
}

const metalOnBar = async (page: Page) => Number((await page.getByTestId('res-metal').innerText()).replace(/,/g, ''));

describe('fleets in the browser', () => {
  let server: E2eServer;
  let browser: Browser;
  let a: Page;
  let b: Page;
  const errors: string[] = [];
  let home = 0;
  let colony = 0;
  let target = { galaxy: 0, system: 0, position: 0 };

  beforeAll(async () => {
    server = await startE2eServer({ STARHOLD_FLEET_SPEED: '1000' });
    await register(server.url, 'ada');
    await register(server.url, 'bea');
    const ada = await apiLogin(server.url, 'ada', PASSWORD);
    const bea = await apiLogin(server.url, 'bea', PASSWORD);
    home = ada.planetId;
    const [h] = await sql<{ galaxy: number; system: number }>(server, 'select galaxy, system from planet where id = ?', [home]);
    colony = await addPlanet({ services: server.running!.services }, ada.playerId, {
      galaxy: h!.galaxy,
      system: h!.system,
      position: 15,
      metal: 1000,
      crystal: 1000,
      deuterium: 0,
      buildings: {},
      at: new Date(),
    });
    await sql(
      server,
      `update planet set metal = 100000, crystal = 100000, deuterium = 100000,
      units = '{"smallCargo": 5, "lightFighter": 30}'::jsonb, buildings = buildings || '{"shipyard": 2}'::jsonb where id = ?`,
      [home],
    );
    await sql(server, `update planet set units = '{"rocketLauncher": 3}'::jsonb where id = ?`, [bea.planetId]);
    const [t] = await sql<typeof target>(server, 'select galaxy, system, position from planet where id = ?', [bea.planetId]);
    target = t!;
    browser = await launchChromium();
    const pa = await newPage(browser);
    const pb = await newPage(browser);
    a = pa.page;
    b = pb.page;
    for (const e of [pa.errors, pb.errors]) errors.push(...e);
    pa.page.on('pageerror', (e) => errors.push(e.message));
    pb.page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('switches planet and watches a transport arrive at the other own planet', async () => {
    await logIn(a, server.url, 'ada');
    const switcher = a.getByLabel('Planet');
    await switcher.selectOption(String(colony));
    await a.getByRole('heading', { name: /Colony/ }).waitFor();
    const colonyBefore = await metalOnBar(a);
    expect(colonyBefore).toBeLessThan(CARGO_METAL);
    await switcher.selectOption(String(home));

    // The shipyard lists the ships on the planet and takes an order through the outbox.
    await a.getByRole('tab', { name: 'Shipyard' }).click();
    await a.getByTestId('unit-smallCargo').getByTestId('count').filter({ hasText: /^5$/ }).waitFor();
    const launcher = a.getByTestId('unit-rocketLauncher');
    await launcher.getByLabel('Rocket launcher count').fill('2');
    await launcher.getByRole('button', { name: 'Build' }).click();
    await a.getByTestId('shipyard-order-rocketLauncher').getByTestId('delivered').filter({ hasText: '/2' }).waitFor({ timeout: 30_000 });
    const orders = await sql<{ count: number }>(server, 'select count from shipyard_order where planet_id = ?', [home]);
    expect(orders.map((o) => Number(o.count))).toEqual([2]);

    await a.getByRole('tab', { name: 'Fleets' }).click();
    const form = a.getByRole('form', { name: 'Dispatch' });
    await form.getByLabel('Small cargo').fill('5');
    await form.getByLabel('Position').fill('15');
    await form.getByLabel('Mission').selectOption('transport');
    await form.getByLabel('Cargo metal').fill(String(CARGO_METAL));
    await a
      .getByTestId('fleet-preview')
      .filter({ hasText: /flight \d+s/ })
      .waitFor();
    await form.getByRole('button', { name: 'Send fleet' }).click();

    const movement = a.getByRole('list', { name: 'Fleet movements' }).locator('li').filter({ hasText: 'Transport' });
    await movement
      .filter({ hasText: 'outbound' })
      .getByTestId('fleet-countdown')
      .filter({ hasText: /^\d+s$/ })
      .waitFor({ timeout: 30_000 });
    await movement
      .getByTestId('fleet-outcome')
      .filter({ hasText: `Delivered ${CARGO_METAL.toLocaleString('en-US')} M` })
      .waitFor({ timeout: 60_000 });

    const onServer = await planetOf(server.url, 'ada', PASSWORD, colony);
    expect(onServer.resources.metal).toBeGreaterThanOrEqual(1000 + CARGO_METAL);
    await switcher.selectOption(String(colony));
    await a.getByRole('heading', { name: /Colony/ }).waitFor();
    await a.waitForFunction(
      (min) => Number(document.querySelector('[data-testid="res-metal"]')?.textContent?.replace(/,/g, '')) >= min,
      colonyBefore + CARGO_METAL,
    );
    // The ships come home empty.
    await movement.waitFor({ state: 'detached', timeout: 60_000 });
    const back = await planetOf(server.url, 'ada', PASSWORD, home);
    expect(back.units.smallCargo).toBe(5);
    expect(errors).toEqual([]);
  });

  it('attacks another player and both open the battle report', async () => {
    await logIn(b, server.url, 'bea');
    await a.getByLabel('Planet').selectOption(String(home));
    // The galaxy view finds B's planet and picks it as the target.
    await a.getByRole('tab', { name: 'Galaxy' }).click();
    await a.getByLabel('Galaxy', { exact: true }).fill(String(target.galaxy));
    await a.getByLabel('System', { exact: true }).fill(String(target.system));
    const slot = a.getByRole('table', { name: `System ${target.galaxy}:${target.system}` }).getByTestId(`slot-${target.position}`);
    await slot.filter({ hasText: 'bea' }).waitFor();
    await slot.getByRole('button', { name: 'Attack' }).click();
    const form = a.getByRole('form', { name: 'Dispatch' });
    expect(await form.getByLabel('Mission').inputValue()).toBe('attack');
    expect(await form.getByLabel('Position').inputValue()).toBe(String(target.position));
    await form.getByLabel('Light fighter').fill('30');
    await a
      .getByTestId('fleet-preview')
      .filter({ hasText: /flight \d+/ })
      .waitFor();
    await form.getByRole('button', { name: 'Send fleet' }).click();
    const movement = a.getByRole('list', { name: 'Fleet movements' }).locator('li').filter({ hasText: 'Attack' });
    await movement.getByTestId('fleet-countdown').first().waitFor({ timeout: 30_000 });
    await screenshot(a, 'fleets.png');

    // The defender sees it coming, then the report.
    await b.getByRole('tab', { name: 'Fleets' }).click();
    await b.getByRole('list', { name: 'Incoming fleets' }).filter({ hasText: 'ada' }).waitFor({ timeout: 30_000 });
    await movement
      .getByTestId('fleet-outcome')
      .filter({ hasText: /Battle/ })
      .waitFor({ timeout: 60_000 });

    const [row] = await sql<{ id: number; winner: string }>(server, 'select id, winner from battle_report order by id desc limit 1');
    expect(row).toBeDefined();
    for (const page of [a, b]) {
      await page.getByRole('tab', { name: 'Reports' }).click();
      const item = page.getByTestId(`battle-${row!.id}`);
      await item.waitFor({ timeout: 30_000 });
      await item.getByRole('button', { name: 'Open' }).click();
      const report = page.getByTestId('battle-report');
      await report.waitFor();
      const text = await report.innerText();
      expect(text).toContain('ada (attacker)');
      expect(text).toContain('bea (defender)');
      expect(text).toContain('Rocket launcher');
      expect(text).toMatch(/Debris: [\d,]+ metal/);
    }
    await screenshot(b, 'battle-report.png');
    expect(errors).toEqual([]);
  });
});
