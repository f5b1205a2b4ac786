// A sweep worker (worker.html?w=N, a cross-site iframe of the top page, so a renderer process of
// its own). It fetches its share of the plan from the harness, runs the sweeps with `window`
// WebSockets in flight at a time and POSTs what it observed back in chunks. No framework, no
// WebDriver: the harness only starts the browser on the top page and waits for every POST /done.
import { isBrowserCloseable, MAX_REASON_LEN } from "/wsclose/index.js";

const worker = new URLSearchParams(location.search).get("w");
const post = (path, body) =>
  fetch(`${path}?w=${worker}`, { method: "POST", body: JSON.stringify(body) }).then((r) => {
    if (!r.ok) throw new Error(`POST ${path}: ${r.status}`);
  });

// How long a socket may take to report its close event before the case is recorded as stuck.
const STUCK_MS = 15000;
// `promise`'s value, or undefined after `ms` milliseconds.
const within = (promise, ms) =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    promise.then((value) => { clearTimeout(timer); resolve(value); });
  });

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const utf8hex = (s) => hex(new TextEncoder().encode(s));

// Results go back 2,000 at a time so neither side holds a big body.
function results(path) {
  const buf = [];
  return {
    push(row) {
      buf.push(row);
      return buf.length >= 2000 ? post(path, buf.splice(0)) : Promise.resolve();
    },
    flush() {
      return buf.length ? post(path, buf.splice(0)) : Promise.resolve();
    },
  };
}

// Spread the sockets over this worker's loopback addresses: browsers open one WebSocket at a
// time per address (RFC 6455 §4.1, "MUST serialize"), so one address would make the sweep a queue.
const wsUrl = (plan, kind, n) => `ws://${plan.hosts[n % plan.hosts.length]}:${plan.port}/${kind}/${n}`;

async function pool(size, work) {
  await Promise.all(Array.from({ length: size }, work));
}

// Server → page: the server sends case `id`'s Close frame (or drops TCP) right after the
// handshake; the page records the CloseEvent and whether an `error` event came first.
async function recvSweep(plan) {
  const out = results("/results/recv");
  let next = 0;
  const one = (id) =>
    new Promise((resolve) => {
      const ws = new WebSocket(wsUrl(plan, "r", id));
      let error = 0;
      let opened = 0;
      ws.onopen = () => { opened = 1; };
      ws.onerror = () => { error = 1; };
      // A close event that never comes is reported as code -1 rather than hanging the sweep.
      const timer = setTimeout(() => resolve([id, -1, "", 0, error, opened]), STUCK_MS);
      ws.onclose = (ev) => {
        clearTimeout(timer);
        resolve([id, ev.code, utf8hex(ev.reason), ev.wasClean ? 1 : 0, error, opened]);
      };
    });
  await pool(plan.window, async () => {
    while (next < plan.recv.length) {
      const id = plan.recv[next++];
      await out.push(await one(id));
    }
  });
  await out.flush();
}

// What the WebAssembly module says close(code, <reasonBytes bytes>) does: refused with
// InvalidAccessError unless isBrowserCloseable(code), then SyntaxError over MAX_REASON_LEN bytes.
const modelSays = (code, reasonBytes) =>
  !isBrowserCloseable(code) ? "InvalidAccessError" : reasonBytes > MAX_REASON_LEN ? "SyntaxError" : "sent";

// Page → wire: `ws.close(...args)` on an OPEN socket. A call that throws leaves the socket open,
// so the next case reuses it; a call that does not throw starts the closing handshake, the
// server records the Close frame it receives on connection `conn`, and the next case gets a
// fresh socket. Each row: [id, "throw", name, conn, readyState after] or [id, "sent", "", conn].
// Cases with a `check` [code, reason bytes] are also compared with the module (modelSays).
async function sendSweep(plan) {
  const out = results("/results/send");
  const checks = { checked: 0, mismatches: [] };
  let next = 0;
  let conns = 0;
  const open = () =>
    new Promise((resolve, reject) => {
      const conn = Number(worker) * 1e6 + conns++;
      const ws = new WebSocket(wsUrl(plan, "s", conn));
      const closed = new Promise((done) => { ws.onclose = done; });
      ws.onopen = () => resolve({ conn, ws, closed });
      ws.onerror = () => reject(new Error(`send socket ${conn} did not open`));
    });
  await pool(plan.window, async () => {
    let cur = null;
    while (next < plan.send.length) {
      const [id, code, reason, check] = plan.send[next++];
      cur = cur || (await open());
      const args = [];
      if (typeof code === "number") args.push(code);
      else if (code !== null) args.push(Function(`"use strict"; return (${code});`)());
      if (Array.isArray(reason)) args.push(String.fromCharCode(...reason));
      else if (reason !== null) args.push("a".repeat(reason.a));
      let thrown = null;
      try {
        cur.ws.close(...args);
      } catch (e) {
        thrown = e;
      }
      if (check !== null) {
        const [checkCode, reasonBytes] = check;
        const want = modelSays(checkCode, reasonBytes);
        const got = thrown === null ? "sent" : thrown.name;
        checks.checked += 1;
        if (got !== want) checks.mismatches.push(`close(${checkCode}, ${reasonBytes} bytes): ${got}, the module: ${want}`);
      }
      if (thrown !== null) {
        await out.push([id, "throw", thrown.name, cur.conn, cur.ws.readyState]);
        continue;
      }
      const closed = await within(cur.closed, STUCK_MS);
      await out.push([id, "sent", "", cur.conn, closed ? 3 : -1]);
      cur = null;
    }
    if (cur) {
      cur.ws.close();
      await within(cur.closed, STUCK_MS);
    }
  });
  await out.flush();
  await post("/checks", checks);
}

(async () => {
  try {
    const plan = await (await fetch(`/plan.json?w=${worker}`)).json();
    for (const [stage, sweep] of [["server → page", recvSweep], ["page → wire", sendSweep]]) {
      const t0 = performance.now();
      await sweep(plan);
      await post("/stage", { stage, seconds: (performance.now() - t0) / 1000 });
    }
    await post("/done", {});
  } catch (e) {
    await post("/fatal", { error: String((e && e.stack) || e) });
  }
})();
