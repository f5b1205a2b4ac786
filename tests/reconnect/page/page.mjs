// The browser side of browser.test.mjs: starts reconnecting clients in this page on the
// harness's request and records what each does. Every socket a client opens goes through a
// counting subclass of the browser's own WebSocket (the clients' `WebSocket` option; sockette
// uses the global, so it is replaced for sockette's lifetime), so attempts are counted in the
// page, before any network (an attempt the browser fails offline still counts).
const NativeWebSocket = globalThis.WebSocket;
const clients = new Map();
const network = [];
for (const type of ['offline', 'online']) {
  globalThis.addEventListener(type, (event) => network.push({ type, at: performance.now(), trusted: event.isTrusted, onLine: navigator.onLine }));
}

function countingWebSocket(record) {
  return class CountingWebSocket extends NativeWebSocket {
    constructor(url, protocols) {
      record.attempts.push({ at: performance.now(), onLine: navigator.onLine });
      super(url, protocols);
    }
  };
}

const LOADERS = {
  wsclose: async () => (await import('/wsclose/reconnect.js')).ReconnectingWebSocket,
  partysocket: async () => (await import('/peers/partysocket/ws.js')).default,
  'reconnecting-websocket': async () => (await import('/peers/reconnecting-websocket/reconnecting-websocket-mjs.js')).default,
  sockette: async () => (await import('/peers/sockette/sockette.mjs')).default,
};

function plain(value) {
  return JSON.parse(JSON.stringify(value ?? null, (_, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

/** Starts client `id` of library `lib` on `url`; resolves once it is constructed. */
globalThis.startClient = async (id, lib, url, protocols, options = {}) => {
  const Client = await LOADERS[lib]();
  const record = { lib, url, attempts: [], opens: [], closes: [], events: [] };
  const WebSocket = countingWebSocket(record);
  const onOpen = () => record.opens.push(performance.now());
  const onClose = (event) => record.closes.push({ at: performance.now(), code: event.code, wasClean: event.wasClean });
  let close;
  if (lib === 'sockette') {
    globalThis.WebSocket = WebSocket;
    const socket = Client(url, { protocols: protocols ?? [], onopen: onOpen, onclose: onClose });
    close = () => socket.close();
  } else {
    const client = new Client(url, protocols ?? undefined, { WebSocket, ...options });
    client.addEventListener('open', onOpen);
    client.addEventListener('close', onClose);
    for (const type of ['reconnect', 'giveup']) {
      client.addEventListener(type, (event) => {
        record.events.push({ type, at: performance.now(), reason: event.reason ?? null, decision: plain(event.decision) });
      });
    }
    close = () => client.close();
  }
  clients.set(id, { record, close });
};

globalThis.clientRecord = (id) => plain(clients.get(id).record);
globalThis.closeClient = (id) => clients.get(id).close();
globalThis.networkEvents = () => plain(network);
globalThis.now = () => performance.now();
globalThis.pageReady = true;
