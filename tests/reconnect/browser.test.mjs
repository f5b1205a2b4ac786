// wsclose's ReconnectingWebSocket in headless Chromium and Firefox ESR (Debian's, driven by
// puppeteer-core: CDP for Chromium, WebDriver BiDi for Firefox; no browser is downloaded), against
// the scenario server of server.mjs, in real time. The package's dist/ is served from loopback
// and imported by the page as an ES module (page/page.mjs), as a site would load it.
//
// One launch per browser. All the scenarios run at once in one page (each on its own server key),
// then the "offline" scenario: wsclose and the three peers connected, the network taken offline,
// every connection dropped by the server, attempts counted for OFFLINE_MS, the network back.
// Results: target/reconnect/browser.json and browser.tsv.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { startServer } from './server.mjs';
import { ROOT, JS_PACKAGE, wscloseExport, versionOf } from './clients.mjs';
import { SCENARIOS } from './scenarios.mjs';

const OUT = process.env.RECONNECT_OUT ?? path.join(ROOT, 'target', 'reconnect');
const HERE = path.join(ROOT, 'tests', 'reconnect');
/** How long the network stays offline after the drop. */
const OFFLINE_MS = 6000;
/** How long a final code's client is watched after it gave up. */
const FINAL_WATCH_MS = 2000;
/** Real time allowed beyond a decided delay (timers, loopback, the page's event loop). */
const SLACK_MS = 750;
const BROWSERS = (process.env.RECONNECT_BROWSERS ?? 'chromium firefox').split(/\s+/).filter(Boolean);
const EXECUTABLES = {
  chromium: { browser: 'chrome', executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', protocol: 'cdp', args: ['--no-sandbox'] },
  firefox: { browser: 'firefox', executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr', protocol: 'webDriverBiDi', args: [] },
};
const PEERS = ['partysocket', 'reconnecting-websocket', 'sockette'];
// The browser runs only the scenarios that end: final codes and one close or drop.
const BROWSER_SCENARIOS = SCENARIOS.filter((s) => s.kind !== 'count');

let server;
let wscloseDefaults;
const results = {};

async function waitFor(what, limitMs, check) {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > limitMs) throw new Error(`${what}: not within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Takes the page's network offline (true) or online; returns how. */
async function setOffline(page, offline, support) {
  const type = offline ? 'offline' : 'online';
  const before = (await page.evaluate(() => networkEvents())).length;
  if (support.emulated !== false) {
    try {
      await page.setOfflineMode(offline);
      const fired = await waitFor(`${type} event`, 1500, async () => {
        const events = await page.evaluate(() => networkEvents());
        return events.length > before && events.at(-1).type === type ? events.at(-1) : null;
      }).catch(() => null);
      if (fired) {
        support.emulated = true;
        return `page.setOfflineMode(${offline}): ${type} event, navigator.onLine ${fired.onLine}`;
      }
      support.emulated = false;
      support.why = `page.setOfflineMode(${offline}) fired no ${type} event`;
    } catch (error) {
      support.emulated = false;
      support.why = `page.setOfflineMode: ${error.message.split('\n')[0]}`;
    }
  }
  await page.evaluate((t) => globalThis.dispatchEvent(new Event(t)), type);
  return `dispatched a synthetic ${type} event (${support.why})`;
}

async function runBrowser(name) {
  const started = Date.now();
  const { browser: product, executablePath, protocol, args } = EXECUTABLES[name];
  const browser = await puppeteer.launch({ browser: product, executablePath, protocol, args, headless: true });
  const result = { browser: name, version: await browser.version(), scenarios: [], offline: null, phasesMs: {} };
  result.phasesMs.launch = Date.now() - started;
  try {
    const page = await browser.newPage();
    const log = [];
    page.on('console', (message) => log.push(message.text()));
    page.on('pageerror', (error) => log.push(`pageerror: ${error.message}`));
    await page.goto(`http://127.0.0.1:${server.port}/page/index.html`);
    await waitFor(`${name}: page`, 10_000, () => page.evaluate(() => globalThis.pageReady === true));

    // 1. Every scenario at once, wsclose only.
    const keys = [];
    for (const scenario of BROWSER_SCENARIOS) {
      const key = `${name}/wsclose/${scenario.name}`;
      keys.push([scenario, key]);
      const options = scenario.profile ? { profile: scenario.profile } : {};
      await page.evaluate((...a) => startClient(...a), key, 'wsclose', server.url(key, scenario.query), scenario.protocols ?? null, options);
    }
    for (const [scenario, key] of keys) {
      const what = `${name} × ${scenario.name}`;
      // A scenario that does not end in time is recorded as it stands; its test then fails.
      const record = await waitFor(what, 10_000, async () => {
        const r = await page.evaluate((k) => clientRecord(k), key);
        if (scenario.kind === 'final') return r.events.some((e) => e.type === 'giveup') ? r : null;
        // Back: a second socket that opened (a drop may close the first before `open`).
        return r.attempts.length >= 2 && r.opens.some((at) => at >= r.attempts[1].at) ? r : null;
      }).catch(() => null);
      if (record && scenario.kind === 'final') {
        const gaveUp = record.events.find((e) => e.type === 'giveup').at;
        await waitFor(`${what}: watch`, FINAL_WATCH_MS + 5000, async () => (await page.evaluate(() => now())) - gaveUp >= FINAL_WATCH_MS);
      }
    }
    for (const [scenario, key] of keys) {
      const record = await page.evaluate((k) => clientRecord(k), key);
      await page.evaluate((k) => closeClient(k), key);
      const attempts = server.attemptsOf(key);
      const comebackMs = record.attempts.length >= 2 && record.closes.length >= 1
        ? Math.round(record.attempts[1].at - record.closes[0].at) : null;
      result.scenarios.push({
        scenario: scenario.name, kind: scenario.kind, clientAttempts: record.attempts.length, serverConnections: attempts.length,
        protocol: attempts[0]?.protocol ?? null, firstClose: record.closes[0] ?? null, comebackMs, events: record.events,
        record,
      });
    }

    result.phasesMs.scenarios = Date.now() - started - result.phasesMs.launch;

    // 2. Offline: wsclose and the peers connected, network offline, connections dropped.
    const offline = { method: {}, clients: {} };
    const support = {};
    const libs = ['wsclose', ...PEERS];
    for (const lib of libs) {
      const key = `${name}/${lib}/offline`;
      await page.evaluate((...a) => startClient(...a), key, lib, server.url(key), null, {});
    }
    await waitFor(`${name}: offline scenario, all open`, 10_000, async () => {
      for (const lib of libs) if ((await page.evaluate((k) => clientRecord(k), `${name}/${lib}/offline`)).opens.length < 1) return false;
      return true;
    });
    offline.method.offline = await setOffline(page, true, support);
    const droppedAt = await page.evaluate(() => now());
    for (const lib of libs) assert.equal(server.dropOpen(`${name}/${lib}/offline`), 1, `${name}: dropped ${lib}'s connection`);
    await waitFor(`${name}: offline scenario, every client saw the drop`, 5000, async () => {
      for (const lib of libs) if ((await page.evaluate((k) => clientRecord(k), `${name}/${lib}/offline`)).closes.length < 1) return false;
      return true;
    });
    await new Promise((resolve) => setTimeout(resolve, OFFLINE_MS));
    const onlineAt = await page.evaluate(() => now());
    const during = {};
    for (const lib of libs) {
      const record = await page.evaluate((k) => clientRecord(k), `${name}/${lib}/offline`);
      during[lib] = { record, attemptsOffline: record.attempts.filter((a) => a.at > droppedAt && a.at <= onlineAt).length };
    }
    offline.method.online = await setOffline(page, false, support);
    const back = await waitFor(`${name}: wsclose back after online`, 5000, async () => {
      const r = await page.evaluate((k) => clientRecord(k), `${name}/wsclose/offline`);
      return r.opens.length >= 2 ? r : null;
    }).catch((error) => ({ error: error.message }));
    for (const lib of libs) {
      const record = await page.evaluate((k) => clientRecord(k), `${name}/${lib}/offline`);
      await page.evaluate((k) => closeClient(k), `${name}/${lib}/offline`);
      offline.clients[lib] = {
        attemptsOffline: during[lib].attemptsOffline,
        offlineMs: Math.round(onlineAt - droppedAt),
        closeAfterDrop: record.closes[0] ?? null,
        reopenedAfterOnlineMs: lib === 'wsclose' && !back.error && record.attempts.length >= 2 ? Math.round(record.attempts[1].at - onlineAt) : null,
        attemptsTotal: record.attempts.length,
        events: lib === 'wsclose' ? record.events : undefined,
      };
    }
    offline.wscloseBack = back.error ?? 'reopened';
    result.offline = offline;
    result.log = log;
  } finally {
    await browser.close();
  }
  result.realMs = Date.now() - started;
  result.phasesMs.offline = result.realMs - result.phasesMs.launch - (result.phasesMs.scenarios ?? 0);
  return result;
}

before(async () => {
  const dist = path.dirname(path.join(JS_PACKAGE, wscloseExport('reconnect')));
  server = await startServer({
    statics: {
      '/page/': path.join(HERE, 'page'),
      '/wsclose/': dist,
      '/peers/partysocket/': path.join(HERE, 'node_modules', 'partysocket', 'dist'),
      '/peers/reconnecting-websocket/': path.join(HERE, 'node_modules', 'reconnecting-websocket', 'dist'),
      '/peers/sockette/': path.join(HERE, 'node_modules', 'sockette', 'dist'),
    },
  });
  wscloseDefaults = (await import(new URL(`file://${path.join(dist, 'index.js')}`).href)).POLICY_DEFAULTS;
  for (const name of BROWSERS) results[name] = await runBrowser(name);
  await server.stop();
  const peers = Object.fromEntries(PEERS.map((p) => [p, versionOf(p)]));
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'browser.json'), JSON.stringify({ offlineMs: OFFLINE_MS, peers, results }, null, 1) + '\n');
  const tsv = ['browser\tclient\tscenario\tclient_attempts\tserver_connections\tcomeback_ms\tnote'];
  for (const r of Object.values(results)) {
    for (const s of r.scenarios) {
      tsv.push([r.browser, 'wsclose', s.scenario, s.clientAttempts, s.serverConnections, s.comebackMs ?? '-',
        s.events.map((e) => `${e.type}${e.reason ? `:${e.reason}` : ''}`).join(',')].join('\t'));
    }
    for (const [lib, c] of Object.entries(r.offline.clients)) {
      tsv.push([r.browser, lib, `offline-drop (${c.offlineMs} ms)`, c.attemptsOffline, '-', c.reopenedAfterOnlineMs ?? '-',
        `${r.offline.method.offline}; ${r.offline.method.online}`].join('\t'));
    }
  }
  fs.writeFileSync(path.join(OUT, 'browser.tsv'), tsv.join('\n') + '\n');
  console.log(`browsers: ${Object.values(results).map((r) => `${r.browser} (${r.version}) ${r.realMs} ms ${JSON.stringify(r.phasesMs)}`).join(', ')} -> ${path.relative(ROOT, OUT)}/browser.{json,tsv}`);
  for (const line of tsv) console.log(`  ${line.replaceAll('\t', ' | ')}`);
}, { timeout: 240_000 });

after(async () => {
  await server?.stop().catch(() => {});
});

for (const name of BROWSERS) {
  test(`${name}: a final code stops wsclose's client after one connection`, () => {
    for (const s of results[name].scenarios.filter((x) => x.kind === 'final')) {
      const scenario = SCENARIOS.find((x) => x.name === s.scenario);
      assert.equal(s.firstClose.code, scenario.query.close, `${s.scenario}: the page saw the code`);
      if (scenario.protocols) assert.equal(s.protocol, scenario.protocols, `${s.scenario}: subprotocol negotiated`);
      assert.equal(s.clientAttempts, 1, `${s.scenario}: sockets opened`);
      assert.equal(s.serverConnections, 1, `${s.scenario}: connections at the server`);
      assert.deepEqual(s.events.map((e) => [e.type, e.reason]), [['giveup', 'final']], `${s.scenario}: one giveup, final`);
    }
  });

  test(`${name}: wsclose's client comes back after a retry code, 1001 and a dropped TCP connection`, () => {
    for (const s of results[name].scenarios.filter((x) => x.kind === 'comeback')) {
      assert.equal(s.serverConnections, 2, `${s.scenario}: a second connection; the page saw ${JSON.stringify(s.record)}`);
      assert.ok(s.record.opens.some((at) => at >= s.record.attempts[1].at), `${s.scenario}: the second socket opened`);
      const reconnects = s.events.filter((e) => e.type === 'reconnect');
      assert.equal(reconnects.length, 1, `${s.scenario}: one reconnect event`);
      const { delayMs } = reconnects[0].decision;
      assert.ok(delayMs <= Number(wscloseDefaults.baseMs), `${s.scenario}: first delay ${delayMs} ms within the policy's base`);
      assert.ok(s.comebackMs >= delayMs - 5 && s.comebackMs <= delayMs + SLACK_MS,
        `${s.scenario}: back after ${s.comebackMs} ms, the decided delay was ${delayMs} ms`);
    }
  });

  test(`${name}: offline, wsclose's client makes no attempt until online`, () => {
    const { clients, wscloseBack } = results[name].offline;
    assert.equal(clients.wsclose.closeAfterDrop.code, 1006, 'the drop reads as 1006');
    assert.equal(clients.wsclose.attemptsOffline, 0, `no attempt in ${clients.wsclose.offlineMs} ms offline`);
    assert.equal(wscloseBack, 'reopened', 'back after online');
    assert.ok(clients.wsclose.reopenedAfterOnlineMs <= Number(wscloseDefaults.baseMs) + SLACK_MS,
      `reopened ${clients.wsclose.reopenedAfterOnlineMs} ms after online`);
    // The peers listen for neither event (docs/reconnect.md cites their sources), so each retries
    // within OFFLINE_MS: their first delays are at most 3 s, 5 s and 1 s.
    for (const peer of PEERS) assert.ok(clients[peer].attemptsOffline >= 1, `${peer}: ${clients[peer].attemptsOffline} attempts offline`);
  });
}
