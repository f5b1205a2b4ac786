// The `graphql-transport-ws` profile against the real graphql-ws client (npm `graphql-ws`, the
// reference implementation of the protocol), for every one of the 65,536 close codes.
//
// Each code gets its own `createClient` with a fake WebSocket (`webSocketImpl`,
// lib/graphql-ws-drive.js): the socket opens, answers the client's `connection_init` with
// `connection_ack`, and then the "server" closes it with the code under test (`{ code, reason: '',
// wasClean: true }`). The client either constructs a new socket (it retries: that socket is left
// CONNECTING for ever, so the client stays parked without timers) or gives up: `onNonLazyError`
// (lazy: false) or the subscription sink's `error` (lazy: true) receives the close event. All of it
// runs on microtasks and `setImmediate`, never a timer (`retryWait` resolves at once), 256 clients
// at a time in two worker threads (lib/harness.js `sweep`).
//
// How the client decides, from node_modules/graphql-ws/dist/client.js (`shouldRetryConnectOrThrow`):
// fatal codes throw (1000–1999 except 1000, 1001, 1005, 1006, 1012, 1013, 1014, and 4004, 4005,
// 4400, 4401, 4406, 4409, 4429, 4500); 1000 reconnects at once while `locks > 0` (an operation is
// active, or the client is not lazy), without `retryWait` and without counting an attempt; every
// other close event is retried while `retries < retryAttempts` (here 1, so the first close is
// retried). Both sweeps (non-lazy client, lazy client with one subscription) must agree with the
// profile for every code; the 1000 details are checked separately below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from 'graphql-ws';

import { FakeWebSocket, describe, drive, forget, register } from './lib/graphql-ws-drive.js';
import { compare, loadAdvice, sweep } from './lib/harness.js';

const PROFILE = 'graphql-transport-ws';
const DRIVE = new URL('./lib/graphql-ws-drive.js', import.meta.url);

// Named deliberate differences between the profile and the client's per-code outcome: none.
// The profile's one simplification, 1000 (`retry`, while the client retries it at once, uncounted,
// and only while operations are active), does not show in a per-code sweep with an active
// operation; it is checked by the "1000" tests below instead.
const DELIBERATE = [];

const advice = loadAdvice(PROFILE);

for (const lazy of [false, true]) {
  const label = lazy ? 'lazy client with one active subscription' : 'non-lazy client (lazy: false)';
  test(`graphql-ws ${label}: all 65,536 codes against the ${PROFILE} profile`, async (t) => {
    const started = performance.now();
    const outcomes = await sweep(DRIVE, 'drive', { lazy });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const { failures, summary } = compare(PROFILE, advice, outcomes, DELIBERATE);
    for (const line of summary) t.diagnostic(line);
    t.diagnostic(`${label}: ${outcomes.length} clients in ${seconds} s`);
    // A stop must be reported, never silent: the give-up signal is part of what is tested.
    const silent = outcomes.flatMap((o, code) => (o.outcome === 'stop (silent)' ? [code] : []));
    assert.deepEqual(silent, [], 'codes after which the client neither reconnected nor reported');
    // ... and it reports the close event itself.
    const otherReport = outcomes.flatMap((o, code) =>
      o.outcome === 'stop' && !o.detail.endsWith(`(close event ${code})`) ? [`${code}: ${o.detail}`] : [],
    );
    assert.deepEqual(otherReport, [], 'codes whose stop did not report the close event');
    assert.deepEqual(failures, []);
  });
}

// The 1000 row: `retry`, described as "reconnects at once, without waiting or counting an attempt,
// while operations are still active; with none left it is done". ReconnectPolicy does not model
// that detail; these tests pin it down in the real client.
test('graphql-ws 1000 is retried without retryWait and without counting an attempt', async () => {
  for (const lazy of [false, true]) {
    const waits = [];
    const normal = await drive(1000, { lazy, retryAttempts: 0, onRetryWait: (r) => waits.push(r) });
    assert.equal(normal.outcome, 'retry', `1000 with retryAttempts: 0 (lazy: ${lazy})`);
    assert.deepEqual(waits, [], '1000 does not call retryWait');
    // Any other retried code needs an attempt left, and waits first.
    const goingAway = await drive(1001, { lazy, retryAttempts: 0 });
    assert.equal(goingAway.outcome, 'stop', `1001 with retryAttempts: 0 (lazy: ${lazy})`);
    const waits1001 = [];
    const retried = await drive(1001, { lazy, retryAttempts: 1, onRetryWait: (r) => waits1001.push(r) });
    assert.equal(retried.outcome, 'retry');
    assert.deepEqual(waits1001, [0], '1001 waits retryWait(0) before reconnecting');
  }
});

test('graphql-ws with no active operation (lazy client) does not reconnect after any close, 1000 included', async () => {
  // The subscription completes (the server sends `complete`), the lazy client keeps the socket for
  // lazyCloseTimeout, and the server then closes it. No operation holds a lock, so nothing
  // reconnects: "with none left it is done". The next subscribe() connects again (and clears the
  // lazyCloseTimeout timer, so the test leaves no timer behind).
  for (const code of [1000, 1001, 1006, 4403, 4500, 4999]) {
    const result = await new Promise((resolve) => {
      let completed = false;
      let reconnected = 0;
      let client;
      const script = {
        onReconnect: () => {
          reconnected++;
        },
        onSubscribe: (socket, message) => {
          if (reconnected) return;
          // As over a network: the reply arrives after send() returned.
          setImmediate(() => {
            socket.deliver({ id: message.id, type: 'complete' });
            setImmediate(() => socket.serverClose(code));
          });
        },
        onClosed: () =>
          setImmediate(() =>
            setImmediate(() => {
              const before = reconnected;
              // Clean up: a new operation connects again (a socket left CONNECTING).
              client.subscribe({ query: 'subscription { again }' }, { next() {}, error() {}, complete() {} });
              setImmediate(() => {
                forget(url);
                resolve({ completed, reconnectedBeforeNextOperation: before, reconnectedAfter: reconnected });
              });
            }),
          ),
      };
      const url = register(script);
      client = createClient({
        url,
        webSocketImpl: FakeWebSocket,
        lazy: true,
        lazyCloseTimeout: 60_000,
        retryAttempts: 1,
        retryWait: async () => {},
      });
      client.subscribe(
        { query: 'subscription { ticks }' },
        {
          next() {},
          error: (err) => resolve({ error: describe(err) }),
          complete: () => {
            completed = true;
          },
        },
      );
    });
    assert.deepEqual(
      result,
      { completed: true, reconnectedBeforeNextOperation: 0, reconnectedAfter: 1 },
      `code ${code} with no active operation`,
    );
  }
});
