// ReconnectingWebSocket (wsclose/reconnect) against a real `ws` server on loopback, started and
// stopped by each test. The server closes with the codes of issue 19: a final code of each
// profile, retry codes, 1001, a dropped TCP connection; the client's decisions are the policy's,
// so the expectations come from the library's own API (profiles, ReconnectPolicy), with a
// `random` that makes each delay the policy's ceiling. Tests wait for events, never for time,
// except where they check that nothing happens (a bounded wait past the delay that was cancelled).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { WebSocket, WebSocketServer } from 'ws';
import {
  GiveUpEvent, ReconnectEvent, ReconnectingWebSocket, SocketCloseEvent, SocketErrorEvent,
} from 'wsclose/reconnect';
import * as wsclose from 'wsclose';

const { Advice, Cause, ReconnectPolicy, profileByName } = wsclose;

/** 2^64 - 1: the policy's delay is then the ceiling min(cap, base * 2^attempt). */
const CEILING = () => (1n << 64n) - 1n;

/**
 * A `ws` server on 127.0.0.1 that runs `script(socket, n, request)` for its n-th connection
 * (from 1); `connections` counts them.
 */
async function startServer(script, options = {}) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, ...options });
  await once(wss, 'listening');
  const server = {
    url: `ws://127.0.0.1:${wss.address().port}`,
    connections: 0,
    requests: [],
    received: [],
    /** Resolves at the n-th connection. */
    connection(n) {
      return new Promise((resolve) => {
        const check = () => {
          if (server.connections >= n) resolve();
          else wss.once('connection', () => setImmediate(check));
        };
        check();
      });
    },
    async stop() {
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(resolve));
    },
  };
  wss.on('connection', (socket, request) => {
    server.connections++;
    server.requests.push(request.url);
    socket.on('message', (data) => server.received.push(String(data)));
    script(socket, server.connections, request);
  });
  return server;
}

/** The next event of `type` from `target`. */
const next = (target, type) => new Promise((resolve) => target.addEventListener(type, resolve, { once: true }));

/**
 * Every event of the client, in order, as short strings; `log.reached(type, count)` resolves once
 * `count` events of `type` were logged (also when they already were).
 */
function record(client) {
  const log = [];
  const waiters = new Set();
  const add = (entry) => {
    log.push(entry);
    for (const waiter of waiters) waiter();
  };
  for (const type of ['open', 'close', 'error', 'reconnect', 'giveup']) {
    client.addEventListener(type, (event) => {
      if (type === 'close') add(`close ${event.code}${event.wasClean ? '' : ' unclean'}`);
      else if (type === 'reconnect') add(`reconnect ${event.decision.attempt} ${event.decision.delayMs}`);
      else if (type === 'giveup') add(`giveup ${event.reason}`);
      else add(type);
    });
  }
  // Not enumerable, so that assert.deepEqual compares the entries only.
  Object.defineProperty(log, 'reached', { value: (type, count) => new Promise((resolve) => {
    const check = () => {
      if (log.filter((entry) => entry.split(' ')[0] === type).length < count) return;
      waiters.delete(check);
      resolve();
    };
    waiters.add(check);
    check();
  }) });
  return log;
}

function client(server, options = {}, protocols = undefined) {
  return new ReconnectingWebSocket(server.url, protocols, { WebSocket, baseMs: 10, random: CEILING, ...options });
}

const FINAL = [
  // [profile, code, how the client learns the profile]
  ['discord-gateway', 4004, { options: { profile: 'discord-gateway' } }],
  ['graphql-transport-ws', 4400, { protocols: 'graphql-transport-ws' }],
  ['centrifuge', 4501, { protocols: ['centrifuge-json'] }],
];

for (const [profileName, code, how] of FINAL) {
  test(`${profileName}: ${code} is final, the client stops after one connection`, async () => {
    const profile = profileByName(profileName);
    assert.equal(profile.advice(code), Advice.STOP, 'the profile calls the code final');
    const server = await startServer((socket) => socket.close(code, 'final'));
    const ws = client(server, how.options, how.protocols);
    const log = record(ws);
    try {
      const giveup = await next(ws, 'giveup');
      assert.ok(giveup instanceof GiveUpEvent);
      assert.equal(giveup.reason, 'final');
      assert.equal(giveup.profile, profile);
      assert.deepEqual(giveup.decision, { reconnect: false, advice: Advice.STOP, delayMs: null, attempt: 0, by: 'policy' });
      assert.ok(giveup.closeEvent instanceof SocketCloseEvent);
      assert.deepEqual([giveup.closeEvent.code, giveup.closeEvent.reason, giveup.closeEvent.wasClean], [code, 'final', true]);
      assert.deepEqual(giveup.explanation, wsclose.explain(code, true));
      assert.equal(giveup.explanation.causes[0].cause, Cause.PEER_CLOSED);
      assert.deepEqual(log, ['open', `close ${code}`, `giveup final`]);
      assert.equal(ws.readyState, ReconnectingWebSocket.CLOSED);
      assert.equal(server.connections, 1);
      if (how.protocols !== undefined) assert.equal(ws.protocol, [how.protocols].flat()[0]);
    } finally {
      ws.close();
      await server.stop();
    }
  });
}

test('graphql-ws 4400 without the subprotocol: no profile, so the standard retries the private code', async () => {
  const server = await startServer((socket, n) => { if (n === 1) socket.close(4400, 'bad request'); });
  const ws = client(server);
  try {
    const event = await next(ws, 'reconnect');
    assert.equal(event.profile, null);
    assert.equal(event.decision.reconnect, true);
    await server.connection(2);
  } finally {
    ws.close();
    await server.stop();
  }
});

test('a close after which Discord resumes its session says RESUME in the decision (ReconnectPolicy.advice)', async () => {
  const baseMs = 30;
  const policy = new ReconnectPolicy({ profile: profileByName('discord-gateway'), baseMs });
  assert.equal(policy.advice(4000, true), Advice.RESUME);
  const server = await startServer((socket, n) => { if (n === 1) socket.close(4000, 'unknown error'); });
  const ws = client(server, { baseMs, profile: 'discord-gateway' });
  try {
    const event = await next(ws, 'reconnect');
    assert.deepEqual(event.decision, {
      reconnect: true, advice: Advice.RESUME, delayMs: policy.decide(4000, true, 0, CEILING).delayMs, attempt: 0, by: 'policy',
    });
    await next(ws, 'open');
  } finally {
    ws.close();
    await server.stop();
  }
});

test('ReconnectPolicy.advice is the profile\'s advice with the policy\'s rules, for every code', () => {
  for (const profile of wsclose.profiles()) {
    const policy = new ReconnectPolicy({ profile, retryUnspecified: false });
    const retrying = new ReconnectPolicy({ profile });
    for (let code = 0; code <= 0xffff; code++) {
      const advice = policy.advice(code, true);
      assert.notEqual(advice, Advice.UNSPECIFIED);
      const own = profile.advice(code);
      if (own !== Advice.UNSPECIFIED) assert.equal(advice, own, `${profile.name} ${code}`);
      else {
        assert.equal(advice, Advice.STOP, `${profile.name} ${code} (unspecified, retryUnspecified false)`);
        assert.equal(retrying.advice(code, true), Advice.RETRY, `${profile.name} ${code} (unspecified, retried)`);
      }
      // The decision follows the advice: a stop exactly when the advice is STOP.
      assert.equal(policy.decide(code, true, 0, () => 0n).stop, advice === Advice.STOP, `${profile.name} ${code}`);
    }
  }
  const policy = new ReconnectPolicy();
  assert.throws(() => policy.advice(70000, true), RangeError);
  assert.throws(() => policy.advice(1000, 1), TypeError);
});

const RETRY = [
  [1012, null],
  [1013, null],
  [4000, 'centrifuge'],
];

for (const [code, profileName] of RETRY) {
  test(`${code}${profileName ? ` under ${profileName}` : ''} reconnects after the policy's delay`, async () => {
    const baseMs = 60;
    const policy = new ReconnectPolicy({ profile: profileName && profileByName(profileName), baseMs });
    const server = await startServer((socket, n) => { if (n <= 2) socket.close(code, 'again'); });
    const ws = client(server, { baseMs, profile: profileName });
    const log = record(ws);
    try {
      for (const attempt of [0, 1]) {
        const event = await next(ws, 'reconnect');
        assert.ok(event instanceof ReconnectEvent);
        const expected = policy.decide(code, true, attempt, CEILING);
        assert.equal(expected.delayMs, baseMs * 2 ** attempt);
        assert.deepEqual(event.decision, { reconnect: true, advice: Advice.RETRY, delayMs: expected.delayMs, attempt, by: 'policy' });
        assert.equal(ws.readyState, ReconnectingWebSocket.CONNECTING);
        const scheduled = performance.now();
        await next(ws, 'open');
        // Node.js times a timer from the event loop's cached clock, which may be a little behind
        // performance.now() on a busy machine: half the delay is a bound that holds, and is far
        // from the few milliseconds an attempt takes without a delay.
        assert.ok(performance.now() - scheduled >= expected.delayMs / 2, `attempt ${attempt} waited the delay`);
      }
      assert.equal(ws.readyState, ReconnectingWebSocket.OPEN);
      assert.deepEqual(log, ['open', `close ${code}`, `reconnect 0 ${baseMs}`, 'open', `close ${code}`, `reconnect 1 ${2 * baseMs}`, 'open']);
      assert.equal(server.connections, 3);
    } finally {
      ws.close();
      await server.stop();
    }
  });
}

test('1001 Going Away (a proxy restarting): the client comes back', async () => {
  const server = await startServer((socket, n) => { if (n === 1) socket.close(1001, 'restart'); });
  const ws = client(server);
  const log = record(ws);
  try {
    await log.reached('open', 2);
    assert.equal(server.connections, 2);
    assert.deepEqual(log, ['open', 'close 1001', 'reconnect 0 10', 'open']);
  } finally {
    ws.close();
    await server.stop();
  }
});

test('a dropped TCP connection (socket destroyed): 1006 unclean, CONNECTION_DROPPED, reconnects', async () => {
  const server = await startServer((socket, n) => { if (n === 1) setImmediate(() => socket._socket.destroy()); });
  const ws = client(server);
  try {
    const event = await next(ws, 'reconnect');
    assert.deepEqual([event.closeEvent.code, event.closeEvent.wasClean], [1006, false]);
    assert.equal(event.explanation.causes[0].cause, Cause.CONNECTION_DROPPED);
    assert.equal(event.decision.reconnect, true);
    await next(ws, 'open');
    assert.equal(server.connections, 2);
  } finally {
    ws.close();
    await server.stop();
  }
});

test('maxAttempts: once the attempts ran out the client gives up, the advice still being retry', async () => {
  const server = await startServer((socket) => socket.close(1012));
  const ws = client(server, { maxAttempts: 2 });
  const log = record(ws);
  try {
    const giveup = await next(ws, 'giveup');
    assert.equal(giveup.reason, 'max-attempts');
    assert.deepEqual(giveup.decision, { reconnect: false, advice: Advice.RETRY, delayMs: null, attempt: 2, by: 'policy' });
    assert.deepEqual(log, ['open', 'close 1012', 'reconnect 0 10', 'open', 'close 1012', 'reconnect 1 20', 'open', 'close 1012',
      'giveup max-attempts']);
    assert.equal(server.connections, 3);
  } finally {
    ws.close();
    await server.stop();
  }
});

test('the attempt counter goes back to 0 after a connection stayed open minUptime ms', async () => {
  let release;
  const server = await startServer((socket, n) => {
    if (n === 1) socket.close(1012);
    else if (n === 2) release = () => socket.close(1012); // closed by the test once the uptime passed
  });
  const ws = client(server, { minUptime: 30 });
  try {
    assert.equal((await next(ws, 'reconnect')).decision.attempt, 0);
    await next(ws, 'open');
    assert.equal(ws.attempt, 1);
    await new Promise((resolve) => setTimeout(resolve, 60)); // past minUptime
    assert.equal(ws.attempt, 0);
    release();
    assert.equal((await next(ws, 'reconnect')).decision.attempt, 0);
  } finally {
    ws.close();
    await server.stop();
  }
});

test('close() by the app while open: sends the code, no reconnection', async () => {
  const server = await startServer(() => {});
  const ws = client(server);
  const log = record(ws);
  try {
    await next(ws, 'open');
    const closed = next(ws, 'close');
    ws.close(4321, 'done');
    assert.equal(ws.readyState, ReconnectingWebSocket.CLOSING);
    const event = await closed;
    assert.deepEqual([event.code, event.reason, event.wasClean], [4321, 'done', true]);
    assert.equal(ws.readyState, ReconnectingWebSocket.CLOSED);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(log, ['open', 'close 4321']);
    assert.equal(server.connections, 1);
  } finally {
    await server.stop();
  }
});

test('close() by the app during the delay cancels the pending attempt', async () => {
  const server = await startServer((socket) => socket.close(1012));
  const ws = client(server, { baseMs: 100 });
  try {
    const event = await next(ws, 'reconnect');
    assert.equal(event.decision.delayMs, 100);
    ws.close();
    assert.equal(ws.readyState, ReconnectingWebSocket.CLOSED);
    await new Promise((resolve) => setTimeout(resolve, 250)); // more than the delay: nothing may connect
    assert.equal(server.connections, 1);
    assert.equal(ws.readyState, ReconnectingWebSocket.CLOSED);
  } finally {
    await server.stop();
  }
});

test('close() in a close listener stops reconnection (the partysocket way still works)', async () => {
  const server = await startServer((socket) => socket.close(1012));
  const ws = client(server);
  const log = record(ws);
  ws.onclose = () => ws.close();
  try {
    await next(ws, 'close');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(log, ['open', 'close 1012']);
    assert.equal(server.connections, 1);
  } finally {
    await server.stop();
  }
});

test("close(code, reason) is checked as the engine's WebSocket.close checks it (pageClose)", async () => {
  const server = await startServer(() => {});
  for (const engine of ['chromium', 'firefox']) {
    const ws = client(server, { engine });
    try {
      assert.equal(ws.engine, engine);
      await next(ws, 'open');
      for (const [code, reason] of [[1001, undefined], [2999, 'x'], [4000, 'x'.repeat(124)]]) {
        let expected;
        try {
          wsclose.pageClose(wsclose.Engine[engine.toUpperCase()], code, reason);
        } catch (error) {
          expected = error;
        }
        assert.ok(expected instanceof DOMException, `pageClose refuses ${code}`);
        assert.throws(() => ws.close(code, reason), (error) => error instanceof DOMException && error.name === expected.name);
      }
      assert.equal(ws.readyState, ReconnectingWebSocket.OPEN, 'a refused close() changes nothing');
    } finally {
      ws.close();
    }
  }
  await server.stop();
});

test('send() while reconnecting queues; the queue goes out in order before open', async () => {
  const server = await startServer((socket, n) => {
    if (n === 1) socket.once('message', () => socket.close(1012));
  });
  const ws = client(server, { maxEnqueuedMessages: 3 });
  try {
    assert.equal(ws.send('a'), false, 'queued before the first open');
    const reconnecting = await next(ws, 'reconnect');
    assert.equal(reconnecting.decision.reconnect, true);
    assert.equal(ws.send('b'), false);
    assert.equal(ws.send(new Uint8Array([0x63])), false);
    assert.equal(ws.send('dé'), false);
    assert.equal(ws.bufferedAmount, 1 + 1 + 3);
    assert.throws(() => ws.send('e'), RangeError);
    await next(ws, 'open');
    assert.equal(ws.bufferedAmount, 0);
    assert.equal(ws.send('f'), true);
    while (server.received.length < 5) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(server.received, ['a', 'b', 'c', 'dé', 'f']);
  } finally {
    ws.close();
    await server.stop();
  }
});

test('messages from the server arrive as MessageEvents, binaryType applies to every connection', async () => {
  const server = await startServer((socket, n) => {
    socket.send(Buffer.from([n]));
    if (n === 1) socket.close(1012);
  });
  const ws = client(server);
  ws.binaryType = 'arraybuffer';
  try {
    const first = await next(ws, 'message');
    assert.ok(first instanceof MessageEvent);
    assert.deepEqual(new Uint8Array(first.data), new Uint8Array([1]));
    const second = await next(ws, 'message');
    assert.deepEqual(new Uint8Array(second.data), new Uint8Array([2]));
    assert.equal(ws.binaryType, 'arraybuffer');
  } finally {
    ws.close();
    await server.stop();
  }
});

test('connection timeout: an upgrade never answered counts as a 1006 unclean close', async () => {
  // Accepts TCP and reads the upgrade request, never answers it.
  const sockets = [];
  let secondConnection;
  const second = new Promise((resolve) => { secondConnection = resolve; });
  const silent = net.createServer((socket) => {
    sockets.push(socket);
    if (sockets.length === 2) secondConnection();
  });
  silent.listen(0, '127.0.0.1');
  await once(silent, 'listening');
  const ws = new ReconnectingWebSocket(`ws://127.0.0.1:${silent.address().port}`, undefined,
    { WebSocket, baseMs: 10, random: CEILING, connectionTimeout: 100, maxAttempts: 1 });
  const log = record(ws);
  try {
    const giveup = await next(ws, 'giveup');
    assert.equal(giveup.reason, 'max-attempts');
    assert.deepEqual(log, ['error', 'close 1006 unclean', 'reconnect 0 10', 'error', 'close 1006 unclean', 'giveup max-attempts']);
    await second; // the server may accept the second connection after the client gave up on it
    assert.equal(sockets.length, 2);
  } finally {
    ws.close();
    for (const socket of sockets) socket.destroy();
    silent.close();
  }
});

test('a URL function is called before each attempt (async allowed); its failure is a failed attempt', async () => {
  const server = await startServer((socket, n) => { if (n === 1) socket.close(1012); });
  let calls = 0;
  const ws = new ReconnectingWebSocket(async () => {
    calls++;
    if (calls === 2) throw new Error('token service down');
    return `${server.url}/?n=${calls}`;
  }, undefined, { WebSocket, baseMs: 1, random: CEILING });
  const log = record(ws);
  try {
    await log.reached('open', 2);
    assert.deepEqual(server.requests, ['/?n=1', '/?n=3']);
    assert.equal(ws.url, `${server.url}/?n=3`);
    assert.deepEqual(log, ['open', 'close 1012', 'reconnect 0 1', 'error', 'close 1006 unclean', 'reconnect 1 2', 'open']);
  } finally {
    ws.close();
    await server.stop();
  }
});

test('the decide hook sees the proposal and can replace it; a failing hook leaves it', async () => {
  const server = await startServer((socket, n) => socket.close(n === 1 ? 4004 : n === 2 ? 1013 : 1012));
  const seen = [];
  const ws = client(server, {
    profile: 'discord-gateway',
    decide(proposed, event, explanation) {
      seen.push([proposed.reconnect, event.code, explanation.code]);
      if (event.code === 4004) return { reconnect: true, delayMs: 5 }; // the app knows a new token
      if (event.code === 1013) throw new Error('hook bug');
      return { reconnect: false };
    },
  });
  const log = record(ws);
  try {
    const giveup = await next(ws, 'giveup');
    assert.equal(giveup.reason, 'app');
    assert.equal(giveup.decision.by, 'app');
    assert.deepEqual(seen, [[false, 4004, 4004], [true, 1013, 1013], [true, 1012, 1012]]);
    assert.deepEqual(log, ['open', 'close 4004', 'reconnect 0 5', 'open', 'close 1013', 'error', 'reconnect 1 20', 'open', 'close 1012',
      'giveup app']);
  } finally {
    ws.close();
    await server.stop();
  }
});

test('a decide hook returning a bad value: an error event, the proposal stands', async () => {
  const server = await startServer((socket) => socket.close(4004));
  const ws = client(server, { profile: 'discord-gateway', decide: () => ({ reconnect: true }) });
  const [error, giveup] = [next(ws, 'error'), next(ws, 'giveup')];
  try {
    assert.ok((await error) instanceof SocketErrorEvent);
    assert.ok((await error).error instanceof TypeError);
    assert.equal((await giveup).reason, 'final');
  } finally {
    await server.stop();
  }
});

test('after an offline event the next attempt waits for online', async () => {
  const server = await startServer((socket, n) => { if (n === 1) socket.close(1012); });
  const window = new EventTarget();
  globalThis.addEventListener = window.addEventListener.bind(window);
  globalThis.removeEventListener = window.removeEventListener.bind(window);
  try {
    const ws = client(server, { baseMs: 20 });
    try {
      await next(ws, 'open');
      window.dispatchEvent(new Event('offline'));
      await next(ws, 'reconnect');
      await new Promise((resolve) => setTimeout(resolve, 100)); // past the delay: offline, so no attempt
      assert.equal(server.connections, 1);
      const opened = next(ws, 'open');
      window.dispatchEvent(new Event('online'));
      await opened;
      assert.equal(server.connections, 2);
    } finally {
      ws.close();
    }
  } finally {
    delete globalThis.addEventListener;
    delete globalThis.removeEventListener;
    await server.stop();
  }
});

test('startClosed: nothing connects until reconnect(); reconnect() after a give-up starts over', async () => {
  const server = await startServer((socket, n) => { if (n === 1) socket.close(4004); });
  const ws = client(server, { startClosed: true, profile: 'discord-gateway' });
  try {
    assert.equal(ws.readyState, ReconnectingWebSocket.CLOSED);
    assert.equal(ws.send('queued'), false);
    ws.reconnect();
    assert.equal(ws.readyState, ReconnectingWebSocket.CONNECTING);
    await next(ws, 'giveup');
    ws.reconnect();
    await next(ws, 'open');
    while (server.received.length < 1) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(server.received, ['queued']);
    assert.equal(server.connections, 2);
  } finally {
    ws.close();
    await server.stop();
  }
});

test('the WebSocket API: constants, on* handlers, url, protocol, extensions', async () => {
  const server = await startServer(() => {});
  const ws = client(server, {}, ['graphql-transport-ws']);
  try {
    for (const [name, value] of [['CONNECTING', 0], ['OPEN', 1], ['CLOSING', 2], ['CLOSED', 3]]) {
      assert.equal(ReconnectingWebSocket[name], value);
      assert.equal(ws[name], value);
      assert.equal(WebSocket[name], value);
    }
    const calls = [];
    ws.onopen = function (event) { calls.push([this === ws, event.type]); };
    await next(ws, 'open');
    assert.deepEqual(calls, [[true, 'open']]);
    assert.equal(ws.url, `${server.url}/`); // as the WebSocket reports it (the URL's href)
    assert.equal(ws.protocol, 'graphql-transport-ws');
    assert.equal(ws.profile, profileByName('graphql-transport-ws'));
    assert.equal(typeof ws.extensions, 'string');
  } finally {
    ws.close();
    await server.stop();
  }
});

test('bad options: TypeError or RangeError, before anything connects', () => {
  const url = 'ws://127.0.0.1:9';
  assert.equal(typeof globalThis.WebSocket, 'undefined', 'Node.js 20 has no global WebSocket');
  assert.throws(() => new ReconnectingWebSocket(url), { name: 'TypeError', message: /options\.WebSocket/ });
  const cases = [
    [{ WebSocket: 'ws' }, TypeError],
    [{ WebSocket, profile: 'no-such-profile' }, RangeError],
    [{ WebSocket, profile: 42 }, TypeError],
    [{ WebSocket, baseMs: -1 }, RangeError],
    [{ WebSocket, maxAttempts: 1.5 }, RangeError],
    [{ WebSocket, retryUnspecified: 'yes' }, TypeError],
    [{ WebSocket, overrides: { 4000: 9 } }, RangeError],
    [{ WebSocket, connectionTimeout: '1s' }, TypeError],
    [{ WebSocket, connectionTimeout: -1 }, RangeError],
    [{ WebSocket, minUptime: Infinity }, RangeError],
    [{ WebSocket, maxEnqueuedMessages: NaN }, RangeError],
    [{ WebSocket, startClosed: 1 }, TypeError],
    [{ WebSocket, random: 1n }, TypeError],
    [{ WebSocket, engine: 'webkit' }, RangeError],
    [{ WebSocket, decide: true }, TypeError],
  ];
  for (const [options, type] of cases) {
    assert.throws(() => new ReconnectingWebSocket(url, undefined, options), type, Object.keys(options).join(', '));
  }
  assert.throws(() => new ReconnectingWebSocket(42, undefined, { WebSocket }), TypeError);
  assert.throws(() => new ReconnectingWebSocket(url, 42, { WebSocket }), TypeError);
  assert.throws(() => new ReconnectingWebSocket(url, undefined, null), TypeError);
});

test('info() takes a close event (the ws package\'s, a plain object) as it takes a code', async () => {
  const server = await startServer((socket) => socket.close(1013, 'busy'));
  const socket = new WebSocket(server.url);
  try {
    const event = await new Promise((resolve) => socket.addEventListener('close', resolve));
    const fromEvent = wsclose.info(event);
    assert.deepEqual(fromEvent, { ...wsclose.info(1013), reason: 'busy', wasClean: true });
    assert.deepEqual(wsclose.info({ code: 1006 }), { ...wsclose.info(1006), reason: '', wasClean: null });
    assert.throws(() => wsclose.info({ code: '1000' }), TypeError);
    assert.throws(() => wsclose.info({ code: 1000, reason: 5 }), TypeError);
    assert.throws(() => wsclose.info({ code: 1000, wasClean: 'yes' }), TypeError);
    assert.throws(() => wsclose.info({ code: 70000 }), RangeError);
  } finally {
    await server.stop();
  }
});

test('the package root exports the client too', () => {
  assert.equal(wsclose.ReconnectingWebSocket, ReconnectingWebSocket);
  assert.equal(wsclose.GiveUpEvent, GiveUpEvent);
});

test('reconnect(code, reason) while open: the old connection closes with them, silently; a new one opens at attempt 0', async () => {
  const closes = [];
  const server = await startServer((socket) => socket.on('close', (code, reason) => closes.push([code, String(reason)])));
  let protocolCalls = 0;
  const ws = client(server, {}, () => {
    protocolCalls++;
    return Promise.resolve(['graphql-transport-ws']);
  });
  const log = record(ws);
  try {
    await log.reached('open', 1);
    assert.throws(() => ws.reconnect(1005), { name: 'InvalidAccessError' });
    ws.reconnect(4000, 'switch');
    assert.equal(ws.readyState, ReconnectingWebSocket.CONNECTING);
    await log.reached('open', 2);
    while (closes.length < 1) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(closes, [[4000, 'switch']]);
    assert.deepEqual(log, ['open', 'open']);
    assert.equal(protocolCalls, 2);
    assert.equal(ws.protocol, 'graphql-transport-ws');
  } finally {
    ws.close();
    await server.stop();
  }
});

test('engine: the option, else read from navigator.userAgent (null outside Chromium and Firefox)', () => {
  const make = (options) => new ReconnectingWebSocket('ws://127.0.0.1:9', undefined, { WebSocket, startClosed: true, ...options });
  assert.equal(typeof globalThis.navigator, 'undefined', 'Node.js 20 has no navigator');
  assert.equal(make().engine, null);
  const agents = [
    ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'firefox'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36', 'chromium'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', null],
    ['Node.js/22', null],
  ];
  try {
    for (const [userAgent, engine] of agents) {
      Object.defineProperty(globalThis, 'navigator', { value: { userAgent }, configurable: true });
      assert.equal(make().engine, engine, userAgent);
      assert.equal(make({ engine: 'firefox' }).engine, 'firefox');
      assert.equal(make({ engine: null }).engine, null);
    }
  } finally {
    delete globalThis.navigator;
  }
});
