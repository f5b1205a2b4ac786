// An echo server on `ws` whose close handling is decided by wsclose, through its npm package
// (bindings/js; build it with make js-build):
// - every close a client sends is logged with what wsclose knows about its code: the category,
//   the name and the reconnect advice (wsclose.classify and wsclose.info);
// - a client that sends nothing for --idle seconds is closed with 1001 Going Away, the code
//   checked with wsclose.info(...).sendable and the payload built by wsclose.encodeClosePayload
//   (parsed back with wsclose.parseClosePayload to hand ws its code and reason).
//
// Usage: node server.js [--port 0] [--idle 30]   (port 0 picks a free port; it is printed)
// Loopback only. Stops on SIGTERM or SIGINT.
import { parseArgs } from "node:util";
import { WebSocketServer } from "ws";
import * as wsclose from "wsclose";

const { values: args } = parseArgs({
  options: { port: { type: "string", default: "8765" }, idle: { type: "string", default: "30" } },
});
const idleMs = Number(args.idle) * 1000;
const GOING_AWAY = 1001;

// wsclose's Category and Reconnect are number-valued maps; find the key for a number.
function keyOf(table, value) {
  const entry = Object.entries(table).find(([, v]) => v === value);
  return entry ? entry[0] : String(value);
}

function describeClose(code, reason) {
  if (code === 1005) return "no status code (empty Close)";
  const facts = wsclose.info(code);
  return `code ${code} (${facts.name ?? "unnamed"}), category ${keyOf(wsclose.Category, wsclose.classify(code))}, ` +
    `reconnect ${keyOf(wsclose.Reconnect, facts.reconnect)}, reason ${JSON.stringify(reason.toString("utf8"))}`;
}

// The idle close: the payload is wsclose's; ws takes a code and a reason, so parse it back.
function idleClose() {
  if (!wsclose.info(GOING_AWAY).sendable) throw new Error("1001 must be sendable");
  const close = wsclose.parseClosePayload(wsclose.encodeClosePayload(GOING_AWAY, "idle"));
  return [close.code, close.reason];
}

const log = (msg) => process.stderr.write(`wsclose-example: ${msg}\n`);
const server = new WebSocketServer({ host: "127.0.0.1", port: Number(args.port) });

server.on("connection", (ws, req) => {
  const peer = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
  let closedByUs = false;
  let timer;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const [code, reason] = idleClose();
      log(`${peer} idle for ${args.idle} s: closing with ${code} ${wsclose.info(code).name}`);
      closedByUs = true;
      ws.close(code, reason);
    }, idleMs);
  };
  arm();
  ws.on("message", (data, isBinary) => {
    arm();
    ws.send(data, { binary: isBinary });
  });
  ws.on("close", (code, reason) => {
    clearTimeout(timer);
    if (!closedByUs) log(`${peer} client closed: ${describeClose(code, reason)}`);
  });
});

server.on("listening", () => {
  const { port } = server.address();
  process.stdout.write(`listening on 127.0.0.1:${port}\n`);
});

for (const sig of ["SIGTERM", "SIGINT"]) {
  process.on(sig, () => {
    for (const ws of server.clients) ws.terminate();
    server.close(() => {
      log("stopped");
      process.exit(0);
    });
  });
}
