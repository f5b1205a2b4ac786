// Side by side in Node.js, on a fake clock: wsclose's ReconnectingWebSocket, partysocket,
// reconnecting-websocket and sockette each face every scenario of scenarios.mjs, served by one
// real `ws` server on loopback, for 60 s of policy time per run. Writes every run and a summary
// to target/reconnect/node.json and node.tsv (RECONNECT_OUT overrides the directory).
//
// Asserted: wsclose's rows, by its own decisions and its policy's bounds; the peers' rows only
// as far as their sources (cited in docs/reconnect.md) fix them, so that an upgrade that changes
// what a peer does fails here instead of leaving the doc's table stale.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './server.mjs';
import { LIBRARIES, ROOT, JS_PACKAGE, wscloseExport } from './clients.mjs';
import { runOnFakeClock } from './fakeclock.mjs';
import { SCENARIOS, WINDOW_MS } from './scenarios.mjs';

const OUT = process.env.RECONNECT_OUT ?? path.join(ROOT, 'target', 'reconnect');
/** Runs of each library × scenario (jitter and reconnecting-websocket's random delay differ). */
const RUNS = Number(process.env.RECONNECT_RUNS ?? 5);

let server;
let wsclose;
const rows = [];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor((sorted.length - 1) / 2)];
}

function rowsOf(library, scenario) {
  const found = rows.filter((r) => r.library === library && r.scenario === scenario);
  assert.equal(found.length, RUNS, `${library} × ${scenario}: ${found.length} runs recorded`);
  return found;
}

before(async () => {
  wsclose = await import(pathToFileURL(path.join(JS_PACKAGE, wscloseExport('.'))).href);
  LIBRARIES.find((l) => l.name === 'wsclose').version = JSON.parse(fs.readFileSync(path.join(JS_PACKAGE, 'package.json'), 'utf8')).version;
  server = await startServer();
  const started = performance.now();
  let seq = 0;
  // RECONNECT_LIBRARIES=a,b: only those (to debug one; the tests of the others then fail).
  const only = process.env.RECONNECT_LIBRARIES?.split(',');
  for (const library of LIBRARIES.filter((l) => !only || only.includes(l.name))) {
    const Client = await library.load();
    for (const scenario of SCENARIOS) {
      for (let run = 1; run <= RUNS; run++) {
        const key = `${library.name}/${scenario.name}/${++seq}`;
        const what = `${library.name} × ${scenario.name} (run ${run})`;
        const result = await runOnFakeClock({
          library, Client, server, url: server.url(key, scenario.query), protocols: scenario.protocols,
          profile: scenario.profile, windowMs: WINDOW_MS, what,
        });
        const attempts = server.attemptsOf(key).filter((a) => a.at <= result.end);
        const gaps = attempts.slice(1).map((a, i) => a.at - attempts[i].closedAt);
        rows.push({
          library: library.name, version: library.version, scenario: scenario.name, kind: scenario.kind, run,
          connections: attempts.length,
          clientAttempts: result.sockets.filter((s) => s.at <= result.end).length,
          protocol: attempts[0]?.protocol ?? null,
          firstClose: attempts[0]?.closeCode ?? null,
          comebackMs: scenario.kind === 'comeback' ? gaps[0] ?? null : null,
          gapsMs: gaps,
          events: result.events.map((e) => ({ type: e.type, at: e.at - result.start, reason: e.reason, decision: e.decision })),
          clockJumps: result.clockJumps,
          // The server's log of this run: ms after the start, what it did, how the connection ended.
          log: attempts.map((a) => ({ at: a.at - result.start, action: a.action, closedAt: a.closedAt === null ? null : a.closedAt - result.start, code: a.closeCode })),
        });
      }
    }
  }
  const realMs = Math.round(performance.now() - started);
  await server.stop();

  const summary = [];
  for (const library of LIBRARIES) {
    for (const scenario of SCENARIOS) {
      const runs = rows.filter((r) => r.library === library.name && r.scenario === scenario.name);
      const connections = runs.map((r) => r.connections);
      const comebacks = runs.map((r) => r.comebackMs).filter((v) => v !== null);
      summary.push({
        library: library.name, version: library.version, scenario: scenario.name, kind: scenario.kind, runs: runs.length,
        connections: { min: Math.min(...connections), median: median(connections), max: Math.max(...connections) },
        comebackMs: comebacks.length === 0 ? null : { min: Math.min(...comebacks), median: median(comebacks), max: Math.max(...comebacks), of: comebacks.length },
      });
    }
  }
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'node.json'), JSON.stringify({ windowMs: WINDOW_MS, runs: RUNS, realMs, clock: 'fake (@sinonjs/fake-timers)', summary, rows }, null, 1) + '\n');
  const tsv = ['library\tversion\tscenario\tkind\truns\tconnections_min\tconnections_median\tconnections_max\tcomeback_ms_min\tcomeback_ms_median\tcomeback_ms_max\tcame_back'];
  for (const s of summary) {
    const c = s.comebackMs;
    tsv.push([s.library, s.version, s.scenario, s.kind, s.runs, s.connections.min, s.connections.median, s.connections.max,
      c?.min ?? '-', c?.median ?? '-', c?.max ?? '-', c ? `${c.of}/${s.runs}` : '-'].join('\t'));
  }
  fs.writeFileSync(path.join(OUT, 'node.tsv'), tsv.join('\n') + '\n');
  console.log(`side by side: ${rows.length} runs of ${WINDOW_MS / 1000} s policy time in ${realMs} ms real time -> ${path.relative(ROOT, OUT)}/node.{json,tsv}`);
  const cells = tsv.map((line) => line.split('\t'));
  const widths = cells[0].map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  for (const c of cells) console.log(`  ${c.map((v, i) => v.padEnd(widths[i])).join(' ')}`);
}, { timeout: 180_000 });

after(async () => {
  await server?.stop().catch(() => {});
});

test('every socket a client opened reached the server (the harness sees every attempt)', () => {
  assert.equal(rows.length, LIBRARIES.length * SCENARIOS.length * RUNS);
  for (const row of rows) {
    assert.equal(row.clientAttempts, row.connections, `${row.library} × ${row.scenario} run ${row.run}`);
  }
});

// --- wsclose ----------------------------------------------------------------------------------

test('wsclose stops after one connection on a final code of each profile', () => {
  for (const scenario of SCENARIOS.filter((s) => s.kind === 'final')) {
    for (const row of rowsOf('wsclose', scenario.name)) {
      const what = `${scenario.name} run ${row.run}`;
      assert.equal(row.firstClose, scenario.query.close, `${what}: the server closed with the code`);
      if (scenario.protocols) assert.equal(row.protocol, scenario.protocols, `${what}: the subprotocol was negotiated`);
      assert.equal(row.connections, 1, `${what}: connections in 60 s`);
      assert.equal(row.clientAttempts, 1, `${what}: sockets opened in 60 s`);
      assert.deepEqual(row.events.map((e) => [e.type, e.reason]), [['giveup', 'final']], `${what}: one giveup event, reason final`);
      assert.equal(row.events[0].decision.reconnect, false, `${what}: the decision says stop`);
    }
  }
});

/** The most a retry may wait after `attempt` reconnects: min(cap, base·2^attempt) (full jitter). */
function bound(attempt) {
  const { baseMs, capMs } = wsclose.POLICY_DEFAULTS;
  const grown = baseMs * 2n ** BigInt(attempt);
  return Number(grown < capMs ? grown : capMs);
}

test('wsclose comes back after 1012, 1013, centrifuge 4000, 1001 and a dropped TCP connection, after the delay it decided', () => {
  for (const scenario of SCENARIOS.filter((s) => s.kind === 'comeback')) {
    for (const row of rowsOf('wsclose', scenario.name)) {
      const what = `${scenario.name} run ${row.run}`;
      assert.equal(row.connections, 2, `${what}: one close, one reconnect that stays open`);
      const reconnects = row.events.filter((e) => e.type === 'reconnect');
      assert.equal(reconnects.length, 1, `${what}: one reconnect event`);
      assert.ok(!row.events.some((e) => e.type === 'giveup'), `${what}: no giveup`);
      const { decision } = reconnects[0];
      assert.equal(decision.reconnect, true, `${what}: the decision says reconnect`);
      assert.equal(row.comebackMs, decision.delayMs, `${what}: back after exactly the delay decided`);
      assert.ok(decision.delayMs >= 0 && decision.delayMs <= bound(decision.attempt),
        `${what}: delay ${decision.delayMs} ms within min(cap, base·2^${decision.attempt}) = ${bound(decision.attempt)} ms`);
    }
  }
});

test('wsclose backs off by its policy when every connection closes with 1012 or is dropped', () => {
  // The least number of connections full jitter allows in the window: connection k+1 comes at
  // most sum(min(cap, base·2^i), i < k) after the first.
  let guaranteed = 1;
  for (let total = bound(0); total <= WINDOW_MS; total += bound(guaranteed)) guaranteed++;
  for (const scenario of SCENARIOS.filter((s) => s.kind === 'count')) {
    for (const row of rowsOf('wsclose', scenario.name)) {
      const what = `${scenario.name} run ${row.run}`;
      const reconnects = row.events.filter((e) => e.type === 'reconnect');
      assert.ok(!row.events.some((e) => e.type === 'giveup'), `${what}: no giveup`);
      assert.ok(row.connections >= guaranteed, `${what}: ${row.connections} connections, at least ${guaranteed} expected`);
      assert.ok(reconnects.length >= row.connections - 1, `${what}: a reconnect event before each new connection`);
      row.gapsMs.forEach((gap, i) => {
        const { decision } = reconnects[i];
        assert.equal(gap, decision.delayMs, `${what}: gap ${i} is the delay decided`);
        assert.ok(decision.delayMs <= bound(decision.attempt), `${what}: delay ${i} within the policy's bound`);
      });
    }
  }
});

// --- the peers, as their sources fix them -----------------------------------------------------

test('partysocket, reconnecting-websocket and sockette reconnect after every final code', () => {
  for (const library of ['partysocket', 'reconnecting-websocket', 'sockette']) {
    for (const scenario of SCENARIOS.filter((s) => s.kind === 'final')) {
      for (const row of rowsOf(library, scenario.name)) {
        assert.ok(row.connections > 1, `${library} × ${scenario.name}: ${row.connections} connections in 60 s; it retried before`);
      }
    }
  }
});

test('sockette waits its fixed 1 s and never comes back after 1001', () => {
  for (const scenario of SCENARIOS.filter((s) => s.kind === 'comeback')) {
    for (const row of rowsOf('sockette', scenario.name)) {
      if (scenario.name === '1001-once') {
        assert.equal(row.connections, 1, `sockette × 1001: it does not reconnect after 1001 (src/index.js)`);
      } else {
        assert.equal(row.comebackMs, 1000, `sockette × ${scenario.name}: opts.timeout defaults to 1e3`);
      }
    }
  }
  for (const scenario of SCENARIOS.filter((s) => s.kind !== 'comeback')) {
    for (const row of rowsOf('sockette', scenario.name)) {
      assert.equal(row.connections, WINDOW_MS / 1000 + 1, `sockette × ${scenario.name}: one connection a second`);
    }
  }
});

/**
 * Connections in the window of a client that waits min·grow^(n-1), at most max, before its n-th
 * retry (reconnecting-websocket's _getNextDelay, kept by partysocket), the first at time 0.
 */
function rwsConnections(min, grow, max) {
  let connections = 1;
  for (let t = 0, n = 1; ; n++) {
    t += Math.min(min * grow ** (n - 1), max);
    if (t > WINDOW_MS) return connections;
    connections++;
  }
}

test('partysocket comes back after its fixed minReconnectionDelay, reconnecting-websocket within its random one', () => {
  // partysocket's defaults (src/ws.ts): minReconnectionDelay 3000, grow factor 1.3, max 10000.
  const partysocketCount = rwsConnections(3000, 1.3, 10_000);
  for (const scenario of SCENARIOS.filter((s) => s.kind !== 'comeback')) {
    for (const row of rowsOf('partysocket', scenario.name)) {
      assert.equal(row.connections, partysocketCount, `partysocket × ${scenario.name}: connections in 60 s`);
    }
  }
  for (const scenario of SCENARIOS.filter((s) => s.kind === 'comeback')) {
    for (const row of rowsOf('partysocket', scenario.name)) {
      assert.equal(row.connections, 2, `partysocket × ${scenario.name}: back`);
      assert.equal(row.comebackMs, 3000, `partysocket × ${scenario.name}: after minReconnectionDelay`);
    }
    for (const row of rowsOf('reconnecting-websocket', scenario.name)) {
      assert.equal(row.connections, 2, `reconnecting-websocket × ${scenario.name}: back`);
      // minReconnectionDelay: 1000 + Math.random() * 4000 (drawn when the module loads).
      assert.ok(row.comebackMs >= 1000 && row.comebackMs <= 5000, `reconnecting-websocket × ${scenario.name}: ${row.comebackMs} ms`);
    }
  }
});
