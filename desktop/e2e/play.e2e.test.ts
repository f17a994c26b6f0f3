// A player's session against the real server serving the web client: register and log in, the
// three panels against the server's own numbers, a building finishing, the outbox across a
// server outage and a reload, presence of a second player, and the lucky wheel's verify view.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newPage, registerThroughUi, screenshot } from './support/browser.js';
import { startE2eServer, type E2eServer } from './support/server.js';
import { apiLogin, planetOf, sql } from './support/api.js';

const PASSWORD = 'correct-horse-battery';

describe('playing in the browser', () => {
  let server: E2eServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let planetId = 0;
  let playerId = 0;

  const panel = (name: 'Connection' | 'Presence' | 'Energy') => page.getByRole('region', { name });
  const text = async (testId: string) => (await page.getByTestId(testId).first().innerText()).trim();
  const waitForText = (testId: string, expected: string | RegExp) =>
    page.getByTestId(testId).filter({ hasText: expected }).first().waitFor({ timeout: 30_000 });
  const tab = (name: string) => page.getByRole('tab', { name }).click();

  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchChromium();
    ({ context, page, errors } = await newPage(browser));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('registers, logs out and logs back in', async () => {
    await registerThroughUi(page, server.url, 'alice', PASSWORD);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await waitForText('connection-state', 'connected');
    const session = await apiLogin(server.url, 'alice', PASSWORD);
    planetId = session.planetId;
    playerId = session.playerId;
    expect(planetId).toBeGreaterThan(0);
  });

  it('upgrades a building and watches it finish', async () => {
    await tab('Buildings');
    for (const b of ['solarPlant', 'metalMine'] as const) {
      const row = page.getByTestId(`building-${b}`);
      await row.getByRole('button', { name: 'Upgrade to 1' }).click();
      // The queue shows the item with a progress bar and a countdown until the tick applies it.
      await page.getByTestId(`queue-${b}-1`).first().waitFor();
      await row.getByTestId('level').filter({ hasText: /^1$/ }).waitFor({ timeout: 30_000 });
    }
    await page.getByTestId('queue-metalMine-1').first().waitFor({ state: 'detached' });
    const p = await planetOf(server.url, 'alice', PASSWORD, planetId);
    expect(p.buildings.solarPlant).toBe(1);
    expect(p.buildings.metalMine).toBe(1);
  });

  it("shows the server's numbers in the three panels", async () => {
    await tab('Overview');
    const p = await planetOf(server.url, 'alice', PASSWORD, planetId);
    // Energy, as computed by the server. The panel shows the client's last refetch, which follows
    // the completion events a moment later: wait until it shows exactly the server's figures.
    const exactly = (v: string | number) => new RegExp(`^\\s*\\+?${String(v).replace(/[.+]/g, '\\$&')}%?\\s*$`);
    await waitForText('energy-produced', exactly(p.energy.produced));
    await waitForText('energy-consumed', exactly(p.energy.consumed));
    expect(await text('energy-consumed')).toBe(String(p.energy.consumed));
    expect(await text('energy-produced')).toBe(String(p.energy.produced));
    expect(await text('energy-balance')).toBe(`+${p.energy.balance}`);
    expect(await text('energy-factor')).toBe(`${p.energy.factor}%`);
    expect(await text('energy-state')).toBe('surplus');
    const metal = panel('Energy').getByTestId('mine-metalMine');
    await metal
      .locator('td')
      .nth(2)
      .filter({ hasText: exactly(p.production.mines.metal) })
      .waitFor({ timeout: 30_000 });
    expect(await metal.locator('td').nth(1).innerText()).toBe(String(p.production.theoretical.metal - p.production.base.metal));
    expect(await metal.locator('td').nth(2).innerText()).toBe(String(p.production.mines.metal));
    // Connection.
    expect(await text('connection-state')).toContain('connected');
    expect(await text('connection-transport')).toBe('websocket');
    expect(await text('connection-server')).toBe(server.url);
    expect(await text('outbox-count')).toBe('0');
    await page
      .getByTestId('connection-latency')
      .filter({ hasText: /\d+ ms/ })
      .waitFor({ timeout: 15_000 });
    // Presence.
    await panel('Presence').getByTestId('presence-alice').filter({ hasText: 'online' }).waitFor();
    // Resources count up between server events: the display (redrawn once a second, from the
    // client's last server snapshot) catches up with what the server answered above and then
    // keeps counting past it.
    const metalAtLeast = (min: number) =>
      page.waitForFunction((m) => Number(document.querySelector('[data-testid="res-metal"]')?.textContent?.replace(/,/g, '')) >= m, min, {
        timeout: 30_000,
      });
    await metalAtLeast(p.resources.metal);
    const before = Number((await text('res-metal')).replace(/,/g, ''));
    expect(before).toBeGreaterThanOrEqual(p.resources.metal);
    await metalAtLeast(before + 1);
    await screenshot(page, 'main-screen.png');
    expect(errors).toEqual([]);
  });

  it('keeps commands queued offline across a reload, refuses a sixth upgrade at once, and applies each exactly once when the server returns', async () => {
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    // Enough for five upgrades, so that only the queue limit stops the sixth; reloaded to show it.
    await sql(server, 'update planet set metal = 9000, crystal = 9000, deuterium = 9000 where id = ?', [planetId]);
    await page.reload();
    await waitForText('connection-state', 'connected');
    await page
      .getByTestId('res-metal')
      .filter({ hasText: /^9,\d{3}$/ })
      .waitFor({ timeout: 30_000 });
    const before = await planetOf(server.url, 'alice', PASSWORD, planetId);
    const cursorBefore = await sql<{ n: string }>(server, 'select count(*) as n from command_log where player_id = ?', [playerId]);

    const queued = ['crystalMine', 'deuteriumSynthesizer', 'metalMine', 'solarPlant', 'metalStorage'] as const;
    const runOffline = async () => {
      await waitForText('connection-state', 'offline');
      await tab('Buildings');
      for (const [i, b] of queued.entries()) {
        const row = page.getByTestId(`building-${b}`);
        // A mine upgrade that lowers the production factor asks first; the button says so (⚠).
        const warns = (await row.getByTestId('impact').innerText()).includes('⚠');
        await row.getByRole('button', { name: /Upgrade to/ }).click();
        if (warns) {
          const dialog = page.getByRole('alertdialog', { name: 'Energy warning' });
          expect(await dialog.innerText()).toMatch(/lowers the production factor from \d+% to \d+%/);
          await dialog.getByRole('button', { name: 'Upgrade anyway' }).click();
        }
        await waitForText('outbox-count', String(i + 1));
      }
      // The queue holds five items, pending ones included: the view refuses the sixth as the server would.
      const sixth = page.getByTestId('building-crystalStorage').getByRole('button', { name: /Upgrade to/ });
      expect(await sixth.isDisabled()).toBe(true);
      expect(await sixth.getAttribute('title')).toBe('The queue is full (at most 5 items)');

      await page.reload();
      await page.getByRole('region', { name: 'Connection' }).waitFor();
      await waitForText('outbox-count', String(queued.length));
      await waitForText('connection-state', 'offline');
      await tab('Overview');
      await page.getByRole('list', { name: 'Pending commands' }).waitFor();
      await screenshot(page, 'offline-outbox.png');
    };
    await server.stop();
    try {
      await runOffline();
    } finally {
      await server.restart();
    }
    await waitForText('connection-state', 'connected');
    await waitForText('outbox-count', '0');
    // Each command was applied exactly once: five more log entries, each building one level up.
    const log = await sql<{ seq: string; status: string; type: string }>(
      server,
      'select seq, status, type from command_log where player_id = ? order by seq',
      [playerId],
    );
    expect(log.length).toBe(Number(cursorBefore[0]!.n) + queued.length);
    expect(log.slice(-queued.length).map((r) => r.status)).toEqual(queued.map(() => 'applied'));
    await tab('Buildings');
    await page.getByTestId('building-deuteriumSynthesizer').getByTestId('level').filter({ hasText: /^1$/ }).waitFor({ timeout: 30_000 });
    await page.getByTestId('building-metalMine').getByTestId('level').filter({ hasText: /^2$/ }).waitFor({ timeout: 30_000 });
    await page.getByTestId('building-metalStorage').getByTestId('level').filter({ hasText: /^1$/ }).waitFor({ timeout: 60_000 });
    const after = await planetOf(server.url, 'alice', PASSWORD, planetId);
    for (const b of queued) expect(after.buildings[b]).toBe(before.buildings[b] + 1);
    expect(errors).toEqual([]);
  });

  it('shows a second player online, then offline after the grace period', async () => {
    await tab('Overview');
    const other = await newPage(browser);
    await registerThroughUi(other.page, server.url, 'bob');
    const bob = panel('Presence').getByTestId('presence-bob');
    await bob.filter({ hasText: 'online' }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'presence.png');
    await other.context.close();
    await bob.filter({ hasText: 'offline' }).waitFor({ timeout: 15_000 });
    expect(await bob.innerText()).toContain('last seen');
  });

  it('spins the wheel and verifies the outcome from the revealed seed', async () => {
    await sql(server, 'update planet set metal = 50000, crystal = 50000, deuterium = 50000 where id = ?', [planetId]);
    await page.reload();
    await tab('Lucky wheel');
    await page.getByTestId('wheel-cooldown').filter({ hasText: 'Ready to spin' }).waitFor();
    await page.getByRole('button', { name: 'Spin', exact: true }).click();
    await page
      .getByTestId('wheel-result')
      .filter({ hasText: /won|No win/ })
      .waitFor({ timeout: 30_000 });
    await page.getByRole('table', { name: 'Spin history' }).locator('tbody tr').first().waitFor();
    await page.getByRole('button', { name: /Reveal seed/ }).click();
    const row = page.getByRole('table', { name: 'Spin history' }).locator('tbody tr').first();
    await row.filter({ hasText: 'revealed' }).waitFor();
    await row.getByRole('button', { name: 'Verify' }).click();
    await page.getByTestId('verify-verdict').filter({ hasText: 'Verified' }).waitFor();
    const recorded = await sql<{ outcome: string }>(server, 'select outcome from wheel_spin where player_id = ? order by id desc limit 1', [
      playerId,
    ]);
    expect(await text('verify-derived')).toBe(recorded[0]!.outcome);
    await screenshot(page, 'wheel-verify.png');
    expect(errors).toEqual([]);
    await context.close();
  });
});
