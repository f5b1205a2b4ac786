// The scenario server of the reconnect tests: a real `ws` WebSocketServer on loopback that does,
// on each connection, what the URL asks, and logs every connection attempt with a timestamp
// (Date.now(): the fake clock's time when a test fakes it, real time otherwise).
//
//   ws://127.0.0.1:PORT/<key>?close=4004&reason=bye     close every connection with 4004 "bye"
//   ws://127.0.0.1:PORT/<key>?drop=fin                  drop the TCP connection after the handshake
//                                                        (socket.destroy(): FIN, no Close frame)
//   ws://127.0.0.1:PORT/<key>?drop=rst                  the same with a TCP reset (resetAndDestroy)
//   ...&first=N                                         only the first N connections of <key>; the
//                                                        later ones stay open
//   ws://127.0.0.1:PORT/<key>                           stay open (the test may drop it: dropOpen)
//
// The server agrees to the first subprotocol the client offers (ws's default), so a client that
// offers graphql-transport-ws or centrifuge-json gets it back. Each <key> counts its own
// connections; a test uses a fresh key per run. Plain HTTP GETs serve the files of `statics`
// (prefix → directory), for the browser pages.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { WebSocketServer } from 'ws';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** What the query of a connection's URL asks for. */
export function parseScenario(url) {
  const u = new URL(url, 'ws://127.0.0.1');
  const q = u.searchParams;
  const close = q.has('close') ? Number(q.get('close')) : null;
  const drop = q.get('drop');
  if (close !== null && !(Number.isInteger(close) && close >= 1000 && close <= 4999)) {
    throw new RangeError(`scenario server: close=${q.get('close')} is not a code ws can send`);
  }
  if (drop !== null && drop !== 'fin' && drop !== 'rst') throw new RangeError(`scenario server: drop=${drop}: fin or rst`);
  const first = q.has('first') ? Number(q.get('first')) : Infinity;
  return { key: u.pathname, close, reason: q.get('reason') ?? '', drop, first };
}

/**
 * Starts the server on 127.0.0.1 (a free port). Returns { port, url(key, query), attempts,
 * attemptsOf(key), live(), dropOpen(key), stop() }. `attempts` lists every connection attempt:
 * { key, n (1-based per key), at, protocol, action, closedAt }.
 */
export async function startServer({ statics = {} } = {}) {
  const attempts = [];
  const counts = new Map();
  /** Live server-side WebSockets: ws → the attempt record. */
  const live = new Map();
  /** Server-side WebSocket → its TCP socket (to drop it). */
  const tcp = new WeakMap();
  /** TCP sockets of upgrades whose WebSocket is not live yet or that were dropped. */
  const sockets = new Set();

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    for (const [prefix, dir] of Object.entries(statics)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = path.resolve(dir, '.' + url.pathname.slice(prefix.length - 1));
      if (!file.startsWith(path.resolve(dir))) break;
      try {
        const body = await fs.readFile(file);
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
      return;
    }
    res.writeHead(404).end();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    let scenario;
    try {
      scenario = parseScenario(req.url ?? '/');
    } catch (error) {
      socket.end(`HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n${error.message}`);
      return;
    }
    const n = (counts.get(scenario.key) ?? 0) + 1;
    counts.set(scenario.key, n);
    const acting = n <= scenario.first;
    const action = !acting ? 'open' : scenario.drop !== null ? `drop-${scenario.drop}` : scenario.close !== null ? `close-${scenario.close}` : 'open';
    const record = { key: scenario.key, n, at: Date.now(), protocol: null, action, closedAt: null, closeCode: null };
    attempts.push(record);
    wss.handleUpgrade(req, socket, head, (ws) => {
      record.protocol = ws.protocol || null;
      tcp.set(ws, socket);
      live.set(ws, record);
      ws.on('close', (code) => {
        record.closedAt ??= Date.now();
        record.closeCode ??= code;
        live.delete(ws);
      });
      ws.on('error', () => {});
      if (action.startsWith('drop-')) {
        record.closedAt = Date.now();
        record.closeCode = 1006;
        live.delete(ws);
        if (scenario.drop === 'rst') socket.resetAndDestroy();
        else socket.destroy();
      } else if (action.startsWith('close-')) {
        record.closedAt = Date.now();
        ws.close(scenario.close, scenario.reason);
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();

  return {
    port,
    attempts,
    /** ws:// URL of `key` with `query` (an object). */
    url(key, query = {}) {
      const q = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
      return `ws://127.0.0.1:${port}/${key}${q ? `?${q}` : ''}`;
    },
    attemptsOf(key) {
      return attempts.filter((a) => a.key === `/${key}`);
    },
    /**
     * Whether nothing is in flight on the server: every TCP socket belongs to a WebSocket that
     * stays open. Returns the number of open WebSockets, or -1 while something is in flight.
     */
    settled() {
      let open = 0;
      for (const [ws, record] of live) {
        if (record.action !== 'open' || ws.readyState !== ws.OPEN) return -1;
        open++;
      }
      return sockets.size === open ? open : -1;
    },
    /** Drops (TCP FIN, or RST with rst) every open connection of `key`; returns how many. */
    dropOpen(key, how = 'fin') {
      let dropped = 0;
      for (const [ws, record] of live) {
        if (record.key !== `/${key}`) continue;
        record.closedAt = Date.now();
        record.closeCode = 1006;
        record.action = `open, then drop-${how}`;
        live.delete(ws);
        if (how === 'rst') tcp.get(ws).resetAndDestroy();
        else tcp.get(ws).destroy();
        dropped++;
      }
      return dropped;
    },
    async stop() {
      for (const ws of live.keys()) ws.terminate();
      for (const socket of sockets) socket.destroy();
      wss.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
