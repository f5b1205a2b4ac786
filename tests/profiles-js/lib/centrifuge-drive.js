// Drives the real centrifuge-js client (npm `centrifuge`, class `Centrifuge`) through a fake
// WebSocket given as its `websocket` option, one client per close code. See centrifuge.test.js.
import { Centrifuge } from 'centrifuge';

// The script of each client's "server", by endpoint URL (one shared socket class).
import { ScriptedWebSocket } from './harness.js';

const scripts = new Map();
let nextId = 0;

/**
 * A WebSocket speaking Centrifuge's JSON protocol (newline-separated commands and replies): it
 * opens, answers the client's `connect` command with a connect reply, and calls the script's
 * `onConnected(socket)`. The client's first socket does this; later ones are reported through
 * `onReconnect(count)` and never open.
 */
export class FakeWebSocket extends ScriptedWebSocket {
  constructor(url, protocol) {
    super(scripts, url, protocol);
  }

  send(data) {
    if (this.readyState !== FakeWebSocket.OPEN) return;
    for (const line of String(data).split('\n')) {
      if (!line.trim()) continue;
      const command = JSON.parse(line);
      if ('connect' in command) {
        queueMicrotask(() => {
          this.deliver({ id: command.id, connect: { client: `client-${this.url}`, version: '6.0.0' } });
          this.script.onConnected?.(this);
        });
      }
    }
  }

  /** A reply or push from the server. */
  deliver(reply) {
    if (this.readyState !== FakeWebSocket.OPEN) return;
    this.onmessage?.({ data: JSON.stringify(reply) });
  }

  /** The server closes the connection. */
  serverClose(code, reason) {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose?.({ code, reason, wasClean: true });
  }

  /** The client closes: Centrifuge ignores the close event of a transport it closed itself. */
  close() {
    this.readyState = FakeWebSocket.CLOSED;
  }
}

/** The close reasons a drive can use (see centrifuge.test.js). */
export const REASONS = {
  // What Centrifuge servers send: the Disconnect's reason string, plain text.
  text: () => 'test disconnect',
  empty: () => '',
  jsonReconnect: () => JSON.stringify({ reason: 'test', reconnect: true }),
  jsonNoReconnect: () => JSON.stringify({ reason: 'test', reconnect: false }),
};

/**
 * One client, one code. `via: 'close'`: once connected, the server closes the WebSocket with
 * `{ code, reason, wasClean: true }`, `reason` from REASONS[reason]; `via: 'push'`: the server
 * sends a Disconnect push `{ push: { disconnect: { code, reason } } }` (the client then closes the
 * socket itself). Resolves `{ outcome: 'retry' | 'stop' | ..., detail }`: `retry` once the client
 * constructs a new socket after a `connecting` event, `stop` on a `disconnected` event.
 */
export function drive(code, { via = 'close', reason = 'text' } = {}) {
  return new Promise((resolve) => {
    let decided = false;
    let connected = false;
    let connecting = null;
    let client;
    const url = `ws://centrifuge.invalid/connection/websocket/${nextId++}`;
    const decide = (outcome, detail) => {
      if (decided) return;
      decided = true;
      scripts.delete(url);
      // Not from inside the client's own call stack: a retrying client is in the middle of
      // creating its transport. disconnect() clears its connect timeout; nothing is left behind.
      queueMicrotask(() => {
        client.disconnect();
        resolve({ outcome, detail });
      });
    };
    scripts.set(url, {
      sockets: 0,
      onConnected: (socket) =>
        setImmediate(() => {
          if (!connected) return decide('never connected');
          if (via === 'push') socket.deliver({ push: { disconnect: { code, reason: 'test disconnect' } } });
          else socket.serverClose(code, REASONS[reason]());
        }),
      onReconnect: () =>
        decide(connecting ? 'retry' : 'new socket without a connecting event', connecting && `connecting ${JSON.stringify(connecting)}`),
    });
    client = new Centrifuge(url, {
      websocket: FakeWebSocket,
      // Reconnect after setTimeout(0): backoff(step, 0, 0) is 0.
      minReconnectDelay: 0,
      maxReconnectDelay: 0,
    });
    client.on('connected', () => {
      connected = true;
    });
    client.on('connecting', (ctx) => {
      if (connected) connecting = ctx;
    });
    client.on('disconnected', (ctx) => decide('stop', `disconnected ${JSON.stringify(ctx)}`));
    client.on('error', () => {});
    client.connect();
  });
}
