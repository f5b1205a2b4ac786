// Drives the real graphql-ws client (npm `graphql-ws`, `createClient`) through a fake WebSocket,
// one client per close code. See graphql-ws.test.js for what is compared.
import { createClient } from 'graphql-ws';

// The script of each client's "server", by the URL the client was created with (the fake socket
// class is shared: one class per client costs more than the client).
import { ScriptedWebSocket } from './harness.js';

const scripts = new Map();
let nextId = 0;

/**
 * A WebSocket whose server follows the script of its URL: `onInit(socket)` runs after the
 * connection_ack was delivered, `onSubscribe(socket, message)` when the client subscribes. The
 * client's first socket opens; later ones are reported through `onReconnect(count)` and left
 * CONNECTING for ever, which parks the client without a timer.
 */
export class FakeWebSocket extends ScriptedWebSocket {
  constructor(url, protocol) {
    super(scripts, url, protocol);
  }

  send(data) {
    if (this.readyState !== FakeWebSocket.OPEN) return;
    const message = JSON.parse(data);
    if (message.type === 'connection_init') {
      queueMicrotask(() => {
        this.deliver({ type: 'connection_ack' });
        this.script.onInit?.(this);
      });
    } else if (message.type === 'subscribe') {
      this.script.onSubscribe?.(this, message);
    }
  }

  /** A message from the server. */
  deliver(message) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  /** The server closes the connection with `code`: a CloseEvent-like object, as the brief's. */
  serverClose(code, reason = '') {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose?.({ code, reason, wasClean: true });
    this.script.onClosed?.(code);
  }

  /** The client closes: the close event follows, as in a browser. */
  close(code = 1005, reason = '') {
    if (this.readyState >= FakeWebSocket.CLOSING) return;
    this.readyState = FakeWebSocket.CLOSING;
    queueMicrotask(() => this.serverClose(code, reason));
  }
}

/** A URL for `script` (given `sockets: 0`); `forget(url)` drops it. */
export function register(script) {
  const url = `ws://graphql.invalid/${nextId++}`;
  scripts.set(url, Object.assign(script, { sockets: 0 }));
  return url;
}

export function forget(url) {
  scripts.delete(url);
}

export function describe(value) {
  if (value && typeof value === 'object' && 'code' in value) return `close event ${value.code}`;
  return String(value);
}

/**
 * One client, one close code. `lazy: false`: the client's own connection loop holds the lock and
 * gives up through `onNonLazyError`; `lazy: true`: one subscription holds it and gives up through
 * its sink. Resolves `{ outcome: 'retry' | 'stop' | 'stop (silent)', detail }`.
 */
export function drive(code, { lazy, retryAttempts = 1, onRetryWait } = {}) {
  return new Promise((resolve) => {
    let decided = false;
    const script = {
      onReconnect: () => decide('retry', `socket ${script.sockets} constructed`),
      // After the close, give the client every microtask and one more turn to react; a client
      // that neither reconnects nor reports anything has stopped silently.
      onClosed: () => setImmediate(() => setImmediate(() => decide('stop (silent)'))),
    };
    if (lazy) script.onSubscribe = (socket) => setImmediate(() => socket.serverClose(code));
    else script.onInit = (socket) => setImmediate(() => socket.serverClose(code));
    const url = register(script);
    const decide = (outcome, detail) => {
      if (decided) return;
      decided = true;
      forget(url);
      resolve({ outcome, detail });
    };
    const client = createClient({
      url,
      webSocketImpl: FakeWebSocket,
      lazy,
      retryAttempts,
      retryWait: async (retries) => {
        onRetryWait?.(retries);
      },
      onNonLazyError: (err) => decide('stop', `onNonLazyError(${describe(err)})`),
    });
    if (lazy) {
      client.subscribe(
        { query: 'subscription { ticks }' },
        {
          next: () => {},
          error: (err) => decide('stop', `sink.error(${describe(err)})`),
          // A fatal close must reach the sink as an error, not end the operation quietly.
          complete: () => decide('stop (completed without error)', 'sink.complete()'),
        },
      );
    }
  });
}
