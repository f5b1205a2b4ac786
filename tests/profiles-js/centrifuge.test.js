// The `centrifuge` profile against the real centrifuge-js client (npm `centrifuge`, class
// `Centrifuge`), for every one of the 65,536 close codes.
//
// The client can be driven like graphql-ws: its `websocket` option takes the WebSocket class, and
// with `minReconnectDelay: 0, maxReconnectDelay: 0` its backoff is `setTimeout(0)`. Each code gets
// its own client and fake socket (lib/centrifuge-drive.js): the socket opens, answers the client's
// `connect` command with a connect reply (JSON protocol), and once the client emitted `connected`
// the server ends the connection with the code under test. The client retries (emits `connecting`
// and constructs a new socket, which never opens; the test then calls `disconnect()`) or stops
// (emits `disconnected`).
//
// How the client decides, from node_modules/centrifuge/build/index.mjs:
// - a WebSocket close (transport `onClose`): when the close reason parses as JSON, its `reconnect`
//   field decides; with any other non-empty reason, codes 3500–3999 and 4500–4999 stop and the rest
//   reconnect; with an empty reason every code reconnects. Below 3000 the code is replaced by the
//   client's own "transport closed" and reconnects, except 1009, which becomes "message size limit
//   exceeded" and stops.
// - a Disconnect push (`_handleDisconnect`): 3500–3999 and 4500–4999 stop, every other code
//   (below 3000 and ≥ 5000 included) reconnects.
//
// Sweeps: close frames with a plain-text reason (what Centrifuge servers send: the Disconnect's
// reason string) and Disconnect pushes, all 65,536 codes each; close frames with an empty reason
// over 3000–4999, where the reason matters; JSON reasons for a few codes. Every difference from the
// profile fails unless DELIBERATE below names it.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { drive } from './lib/centrifuge-drive.js';
import { compare, loadAdvice, sweep } from './lib/harness.js';

const PROFILE = 'centrifuge';
const DRIVE = new URL('./lib/centrifuge-drive.js', import.meta.url);

const BELOW_3000_PUSH = {
  name: '1009 in a Disconnect push',
  reason:
    'The profile follows the close-frame path, where centrifuge-js stops on 1009; a Disconnect push ' +
    'with code 1009 (which Centrifuge servers do not send) reconnects.',
  codes: (code) => code === 1009,
  client: () => 'retry',
};

const EMPTY_REASON = {
  name: 'empty close reason',
  reason:
    'centrifuge-js applies the terminal ranges (3500-3999, 4500-4999) only to a close with a ' +
    'reason; Centrifuge servers always send one (the Disconnect reason string), so an empty reason ' +
    'did not come from Centrifuge, and the client reconnects.',
  codes: (code) => (code >= 3500 && code < 4000) || (code >= 4500 && code < 5000),
  client: () => 'retry',
};

const advice = loadAdvice(PROFILE);

async function check(t, label, options, deliberate, range) {
  const started = performance.now();
  const outcomes = await sweep(DRIVE, 'drive', options, range);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const { failures, summary } = compare(PROFILE, advice, outcomes, deliberate);
  for (const line of summary) t.diagnostic(line);
  t.diagnostic(`${label}: ${outcomes.filter(Boolean).length} clients in ${seconds} s`);
  for (const d of deliberate) t.diagnostic(`deliberate "${d.name}": ${d.reason}`);
  assert.deepEqual(failures, []);
}

test('centrifuge close frame with a plain-text reason: all 65,536 codes against the centrifuge profile', (t) =>
  check(t, 'close, text reason', { via: 'close', reason: 'text' }, []));

test('centrifuge Disconnect push: all 65,536 codes against the centrifuge profile', (t) =>
  check(t, 'Disconnect push', { via: 'push' }, [BELOW_3000_PUSH]));

test('centrifuge close frame with an empty reason: codes 3000-4999 against the centrifuge profile', (t) =>
  check(t, 'close, empty reason', { via: 'close', reason: 'empty' }, [EMPTY_REASON], { first: 3000, last: 4999 }));

test('centrifuge close frame with a JSON reason: its "reconnect" field decides, whatever the code', async () => {
  // The legacy form {"reason": ..., "reconnect": ...}. Below 3000 only 1009 still overrides it.
  for (const code of [1000, 1001, 1009, 1011, 3000, 3500, 3999, 4000, 4499, 4500, 4999]) {
    for (const reason of ['jsonReconnect', 'jsonNoReconnect']) {
      const { outcome, detail } = await drive(code, { via: 'close', reason });
      const want = code === 1009 || reason === 'jsonNoReconnect' ? 'stop' : 'retry';
      assert.equal(outcome, want, `code ${code}, ${reason}: ${detail}`);
    }
  }
});
