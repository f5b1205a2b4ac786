// The page under test. It fetches the plan from the harness, runs the sweeps with `window`
// WebSockets in flight at a time and POSTs what it observed back in chunks. No framework, no
// WebDriver: the harness only starts the browser on this page and waits for POST /done.
"use strict";

const post = (path, body) =>
  fetch(path, { method: "POST", body: JSON.stringify(body) }).then((r) => {
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

// Spread the sockets over several loopback addresses: browsers open one WebSocket at a time per
// address (RFC 6455 §4.1, "MUST serialize"), so one address would make the sweep a queue.
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

// Page → wire: `ws.close(...args)` on an OPEN socket. A call that throws leaves the socket open,
// so the next case reuses it; a call that does not throw starts the closing handshake, the
// server records the Close frame it receives on connection `conn`, and the next case gets a
// fresh socket. Each row: [id, "throw", name, conn, readyState after] or [id, "sent", "", conn].
async function sendSweep(plan) {
  const out = results("/results/send");
  let next = 0;
  let conns = 0;
  const open = () =>
    new Promise((resolve, reject) => {
      const conn = conns++;
      const ws = new WebSocket(wsUrl(plan, "s", conn));
      const closed = new Promise((done) => { ws.onclose = done; });
      ws.onopen = () => resolve({ conn, ws, closed });
      ws.onerror = () => reject(new Error(`send socket ${conn} did not open`));
    });
  await pool(plan.window, async () => {
    let cur = null;
    while (next < plan.send.length) {
      const [id, codeSrc, units] = plan.send[next++];
      cur = cur || (await open());
      const args = [];
      if (codeSrc !== null) args.push(Function(`"use strict"; return (${codeSrc});`)());
      if (units !== null) args.push(String.fromCharCode(...units));
      try {
        cur.ws.close(...args);
      } catch (e) {
        await out.push([id, "throw", e.name, cur.conn, cur.ws.readyState]);
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
}

(async () => {
  try {
    const plan = await (await fetch("/plan.json")).json();
    await post("/hello", { userAgent: navigator.userAgent });
    for (const sweep of plan.sweeps) {
      const t0 = performance.now();
      if (sweep === "recv") await recvSweep(plan);
      if (sweep === "send") await sendSweep(plan);
      await post("/stage", { sweep, seconds: (performance.now() - t0) / 1000 });
    }
    await post("/done", {});
  } catch (e) {
    await post("/fatal", { error: String((e && e.stack) || e) });
  }
})();
