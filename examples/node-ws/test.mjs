// End to end on loopback: server.mjs in a child process, a real `ws` client against it.
import test from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import * as wsclose from "wsclose";

const server = fileURLToPath(new URL("./server.mjs", import.meta.url));

const IDLE = 0.5;
let proc, url, stderr = "";

test.before(async () => {
  proc = spawn(process.execPath, [server, "--port", "0", "--idle", String(IDLE)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stderr.on("data", (d) => (stderr += d));
  url = await new Promise((resolve, reject) => {
    let out = "";
    proc.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/^listening on (127\.0\.0\.1:\d+)/m);
      if (m) resolve(`ws://${m[1]}`);
    });
    proc.on("exit", (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
});

test.after(() => {
  if (proc.exitCode === null) proc.kill("SIGKILL");
});

function open() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

function closed(ws) {
  return new Promise((resolve) => ws.once("close", (code, reason) => resolve([code, reason.toString()])));
}

function keyOf(table, value) {
  const entry = Object.entries(table).find(([, v]) => v === value);
  return entry ? entry[0] : String(value);
}

const CLOSES = [[1000, "done"], [1001, ""], [1013, "busy"], [3000, "unauthorized"], [4000, "bye"]];

test("echoes text and binary", async () => {
  const ws = await open();
  const next = () => new Promise((resolve) => ws.once("message", (data, isBinary) => resolve([data, isBinary])));
  ws.send("héllo ✓");
  let [data, isBinary] = await next();
  assert.equal(isBinary, false);
  assert.equal(data.toString(), "héllo ✓");
  ws.send(Buffer.from([0, 255, 16]));
  [data, isBinary] = await next();
  assert.equal(isBinary, true);
  assert.deepEqual([...data], [0, 255, 16]);
  ws.close(1000);
  await closed(ws);
});

test("client closes are echoed", async () => {
  for (const [code, reason] of CLOSES) {
    const ws = await open();
    const done = closed(ws);
    ws.close(code, reason);
    assert.deepEqual(await done, [code, reason]);
  }
});

test("an idle client is closed with 1001 and reason idle", async () => {
  const ws = await open();
  const start = Date.now();
  const [code, reason] = await closed(ws);
  assert.ok(Date.now() - start >= IDLE * 900, "closed before the idle time");
  assert.equal(code, 1001);
  assert.equal(reason, "idle");
});

test("the log carries wsclose's facts; SIGTERM stops the server", async () => {
  const exited = new Promise((resolve) => proc.once("exit", resolve));
  proc.kill("SIGTERM");
  assert.equal(await exited, 0);
  for (const [code, reason] of [[1000, ""], ...CLOSES]) {
    const facts = wsclose.info(code);
    const line = `client closed: code ${code} (${facts.name ?? "unnamed"}), category ` +
      `${keyOf(wsclose.Category, wsclose.classify(code))}, reconnect ${keyOf(wsclose.Reconnect, facts.reconnect)}, ` +
      `reason ${JSON.stringify(reason)}`;
    assert.ok(stderr.includes(line), `missing "${line}" in:\n${stderr}`);
  }
  assert.match(stderr, /idle for 0\.5 s: closing with 1001 Going Away/);
  assert.match(stderr, /wsclose-example: stopped/);
});
