// One client against one scenario of the server, on a fake clock (@sinonjs/fake-timers): the
// clock jumps from one timer to the next, and between two jumps the real loopback I/O completes
// (the harness waits, in real time, until nothing is in flight). So 60 s of a client's policy
// time run in a fraction of a second, and every time measured is exactly the time the client's
// timers asked for: I/O takes no time on the fake clock.
import FakeTimers from '@sinonjs/fake-timers';
import { setImmediate as realImmediate, setTimeout as realSleep } from 'node:timers/promises';
import WS from 'ws';

/** How long (real time) the I/O between two clock jumps may take before the run fails. */
const SETTLE_LIMIT_MS = 5000;

/** A `ws` WebSocket class that records every socket a client opens, and when (fake time). */
function trackedWebSocket(sockets) {
  return class TrackedWebSocket extends WS {
    constructor(url, protocols, options) {
      super(url, protocols, options);
      const record = { at: Date.now(), closed: false, closedAt: null, code: null };
      sockets.push(record);
      this.trackedRecord = record;
      // Registered before the client's own listeners, so the client has handled the close
      // (and armed its timers) by the time the harness sees `closed`.
      this.addEventListener('close', (event) => {
        record.closed = true;
        record.closedAt = Date.now();
        record.code = event.code;
      });
      // A client that removes its listeners must not leave ws's error unhandled.
      this.on('error', () => {});
    }
  };
}

/** Nothing in flight: each client socket open or closed (and handled), the server agreeing. */
function quiet(server, sockets) {
  const serverOpen = server.settled();
  if (serverOpen < 0) return false;
  let open = 0;
  for (const record of sockets) {
    if (record.closed) continue;
    // A socket neither closed nor open is connecting or closing.
    const state = record.socket?.readyState;
    if (state !== WS.OPEN) return false;
    open++;
  }
  return open === serverOpen;
}

async function settle(server, sockets, what) {
  const started = performance.now();
  for (;;) {
    await realImmediate();
    if (quiet(server, sockets)) {
      // One more turn of the event loop for promise chains and late events, then check again.
      await realSleep(1);
      if (quiet(server, sockets)) return;
    }
    if (performance.now() - started > SETTLE_LIMIT_MS) {
      throw new Error(`${what}: loopback I/O did not settle within ${SETTLE_LIMIT_MS} ms (sockets: ${JSON.stringify(sockets.map(({ socket, ...r }) => ({ ...r, state: socket?.readyState })))})`);
    }
  }
}

/**
 * Runs `library` against `server` at `url` for `windowMs` of fake time. Returns { start, end,
 * sockets (the client's attempts), events (the client's own reports), clockJumps }.
 */
export async function runOnFakeClock({ library, Client, server, url, protocols, profile, windowMs, what }) {
  const sockets = [];
  const Tracked = trackedWebSocket(sockets);
  // Keep each socket's object next to its record (for readyState), out of the JSON.
  class WebSocket extends Tracked {
    constructor(...args) {
      super(...args);
      Object.defineProperty(this.trackedRecord, 'socket', { value: this, enumerable: false });
    }
  }
  const clock = FakeTimers.install({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    now: Date.now(),
    // sockette clears its initial `timer = 1`, which no clock made.
    shouldClearNativeTimers: true,
  });
  const start = Date.now();
  const end = start + windowMs;
  let client;
  let jumps = 0;
  try {
    client = library.open(Client, url, protocols, { WebSocket, profile });
    for (;;) {
      await settle(server, sockets, what);
      if (Date.now() >= end || clock.countTimers() === 0) break;
      await clock.nextAsync();
      jumps++;
    }
    client.close();
    await settle(server, sockets, `${what} (closing)`);
    // A client may schedule more (a last reconnect that close() cancels); none may open a socket.
    const after = sockets.length;
    await clock.tickAsync(windowMs);
    await settle(server, sockets, `${what} (after close)`);
    if (sockets.length !== after) throw new Error(`${what}: the client opened a socket after close()`);
  } finally {
    clock.uninstall();
  }
  return { start, end, sockets, events: client.events, clockJumps: jumps };
}
