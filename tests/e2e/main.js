// The top page. It opens the sweep workers (cross-site iframes, one renderer process each,
// running page.js), and meanwhile, with the WebAssembly module loaded from the harness:
// - checks the shared vectors (tests/vectors/codes.tsv, parse.tsv, encode.tsv) in the page;
// - answers the differential's `code`, `parse` and `explain` sections and POSTs them (the
//   harness writes them for the xtask checker, which compares them with the core byte for byte);
// - reproduces each cause `explain` names and checks that explain(code, wasClean) of the
//   CloseEvent the page got lists it.
import * as ws from "/wsclose/index.js";

const post = (path, body) =>
  fetch(path, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) }).then((r) => {
    if (!r.ok) throw new Error(`POST ${path}: ${r.status}`);
  });

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
// Only for strings the module or the browser produced, which are well-formed UTF-16.
const utf8 = (s) => new TextEncoder().encode(s);
const unhex = (text) =>
  text === "-" ? new Uint8Array(0) : Uint8Array.from(text.match(/../g), (b) => parseInt(b, 16));
const unhex16 = (text) => {
  let s = "";
  if (text !== "-") for (let i = 0; i < text.length; i += 4) s += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
  return s;
};
const dash = (value) => (value === null ? "-" : String(value));
const bit = (value) => (value ? "1" : "0");

function check(ok, what) {
  if (!ok) throw new Error(`assertion failed: ${what}`);
}
function same(got, want, what) {
  const g = JSON.stringify(got, (k, v) => (v instanceof Uint8Array ? hex(v) : v));
  const w = JSON.stringify(want, (k, v) => (v instanceof Uint8Array ? hex(v) : v));
  check(g === w, `${what}: got ${g}, want ${w}`);
}

// `explain` through the module's C ABI (wsclose_explain): cause numbers into a page of linear
// memory of our own (grown for it; the module's code never uses grown pages), names from
// wsclose_cause_const_name.
const { wasm } = ws;
const scratch = wasm.memory.grow(1) * 65536;
function cString(ptr) {
  const memory = new Uint8Array(wasm.memory.buffer);
  return new TextDecoder("utf-8", { fatal: true }).decode(memory.subarray(ptr, memory.indexOf(0, ptr)));
}
const causeNames = new Map();
function explain(code, wasClean) {
  const n = wasm.wsclose_explain(code, wasClean === null ? -1 : wasClean ? 1 : 0, scratch, 64);
  check(n > 0 && n <= 64, `wsclose_explain(${code}) returned ${n}`);
  return Array.from(new Uint8Array(wasm.memory.buffer, scratch, n), (c) => {
    if (!causeNames.has(c)) causeNames.set(c, cString(wasm.wsclose_cause_const_name(c)));
    return causeNames.get(c);
  });
}

// ---------------------------------------------------------------------------------------------
// The shared vectors, checked as bindings/js/test/vectors.test.mjs does under Node.js.

async function readVectors(file) {
  const text = await (await fetch(`/vectors/${file}`)).text();
  const lines = text.split("\n").filter((line) => line !== "" && !line.startsWith("#"));
  const [header, ...rows] = lines;
  check(header, `${file}: no header line`);
  const columns = header.split("\t");
  const parsed = rows.map((line) => {
    const fields = line.split("\t");
    check(fields.length === columns.length, `${file}: bad row ${line}`);
    return Object.fromEntries(columns.map((column, i) => [column, fields[i]]));
  });
  check(parsed.length > 0, `${file}: read 0 rows`);
  return parsed;
}

const flag = (text) => text === "1";
const orNull = (text) => (text === "-" ? null : text);
const numberOrNull = (text) => (text === "-" ? null : Number(text));

function throwsPayloadError(call, where) {
  try {
    call();
  } catch (err) {
    check(err instanceof ws.PayloadError, `${where}: threw ${err}`);
    return err;
  }
  throw new Error(`${where}: did not throw`);
}

async function vectors() {
  const counts = {};
  const codes = await readVectors("codes.tsv");
  for (const row of codes) {
    const code = Number(row.code);
    const where = `codes.tsv: code ${code}`;
    const want = {
      code,
      category: Number(row.category),
      reconnect: Number(row.reconnect),
      sendable: flag(row.sendable),
      localOnly: flag(row.local_only),
      browserCloseable: flag(row.browser_closeable),
      ok: flag(row.ok),
      name: orNull(row.name),
    };
    const { description, ...info } = ws.info(code);
    same(info, want, where);
    check(description.length > 20, where);
    same(ws.classify(code), want.category, where);
    same(ws.name(code), want.name, where);
    same(ws.constName(code), orNull(row.const_name), where);
    same(ws.isSendable(code), want.sendable, where);
    same(ws.isLocalOnly(code), want.localOnly, where);
    same(ws.isBrowserCloseable(code), want.browserCloseable, where);
    same(ws.isOk(code), want.ok, where);
    same(ws.reconnect(code), want.reconnect, where);
  }
  counts["codes.tsv"] = codes.length;

  const parse = await readVectors("parse.tsv");
  for (const row of parse) {
    const payload = unhex(row.payload_hex);
    const where = `parse.tsv: payload ${row.payload_hex}`;
    if (row.result === "OK") {
      const close = ws.parseClosePayload(payload);
      same(close.code, Number(row.code), where);
      same(utf8(close.reason), unhex(row.reason_hex), where);
    } else {
      const err = throwsPayloadError(() => ws.parseClosePayload(payload), where);
      same(err.kind, row.result, where);
      same(err.closeCode, Number(row.code), where);
    }
  }
  counts["parse.tsv"] = parse.length;

  const encode = await readVectors("encode.tsv");
  let strings = 0;
  for (const row of encode) {
    const code = Number(row.code);
    const inputs = [unhex(row.reason_hex)];
    if (row.reason_utf16 !== "x") {
      inputs.push(unhex16(row.reason_utf16));
      strings += 1;
    }
    for (const input of inputs) {
      const where = `encode.tsv: code ${code} reason ${typeof input} ${row.reason_hex}`;
      if (row.result === "OK") {
        same(ws.encodeClosePayload(code, input), unhex(row.payload_hex), where);
      } else {
        const err = throwsPayloadError(() => ws.encodeClosePayload(code, input), where);
        same(err.kind, row.result, where);
        same(err.closeCode, numberOrNull(row.answer_code), where);
        same(err.code, code, where);
      }
    }
  }
  check(strings > 0, "encode.tsv: no row had a string form");
  counts["encode.tsv"] = encode.length;
  return counts;
}

// ---------------------------------------------------------------------------------------------
// The differential's code, parse and explain sections (docs/differential.md), as
// bindings/js/test/differential.mjs writes them under Node.js.

async function differential() {
  const constOf = (object) => new Map(Object.entries(object).map(([key, value]) => [value, key]));
  const CATEGORY = constOf(ws.Category);
  const RECONNECT = constOf(ws.Reconnect);
  const out = [];
  for (let code = 0; code <= 0xffff; code++) {
    const info = ws.info(code);
    out.push([
      "code", code, CATEGORY.get(info.category), ws.categoryLabel(info.category), info.name ?? "-",
      ws.constName(code) ?? "-", bit(info.sendable), bit(info.localOnly), bit(info.browserCloseable),
      bit(info.ok), RECONNECT.get(info.reconnect), ws.reconnectLabel(info.reconnect), info.description,
    ].join("\t"));
  }
  const corpus = (await (await fetch("/differential/parse.txt")).text())
    .split("\n").filter((l) => l !== "" && !l.startsWith("#"));
  check(corpus.length > 0, "parse.txt: read 0 payloads");
  for (const line of corpus) {
    let answer;
    try {
      const close = ws.parseClosePayload(unhex(line));
      const reason = utf8(close.reason);
      answer = `ok\t${close.code}\t${reason.length === 0 ? "-" : hex(reason)}`;
    } catch (error) {
      if (!(error instanceof ws.PayloadError)) throw error;
      answer = ["err", error.kind, dash(error.closeCode), dash(error.code), error.result, error.message].join("\t");
    }
    out.push(`parse\t${line}\t${answer}`);
  }
  for (let code = 0; code <= 0xffff; code++) {
    for (const [text, clean] of [["-", null], ["0", false], ["1", true]]) {
      out.push(`explain\t${code}\t${text}\t${explain(code, clean).join(",")}`);
    }
  }
  await post("/wasm/answers", `${out.join("\n")}\n`);
}

// ---------------------------------------------------------------------------------------------
// explain, end to end: open each scenario's URL, take the CloseEvent, ask explain.

const STUCK_MS = 15000;

function scenario({ name, url, cause }) {
  return new Promise((resolve) => {
    let error = 0;
    let socket;
    try {
      socket = new WebSocket(url);
    } catch (e) {
      resolve({ name, cause, code: -1, wasClean: false, error: 0, causes: [`constructor threw ${e}`] });
      return;
    }
    socket.onerror = () => { error = 1; };
    const timer = setTimeout(
      () => resolve({ name, cause, code: -1, wasClean: false, error, causes: ["no close event"] }), STUCK_MS);
    socket.onclose = (ev) => {
      clearTimeout(timer);
      resolve({ name, cause, code: ev.code, wasClean: ev.wasClean, error, causes: explain(ev.code, ev.wasClean) });
    };
  });
}

(async () => {
  try {
    const plan = await (await fetch("/plan.json")).json();
    await post("/hello", { userAgent: navigator.userAgent });
    for (const url of plan.workers) {
      const frame = document.createElement("iframe");
      frame.src = url;
      frame.width = frame.height = 40;
      document.body.append(frame);
    }
    let t0 = performance.now();
    const counts = await vectors();
    await post("/wasm", { vectors: counts });
    await differential();
    await post("/stage", { stage: "wasm in the page", seconds: (performance.now() - t0) / 1000 });
    t0 = performance.now();
    const explained = [];
    for (const s of plan.explain) explained.push(await scenario(s)); // one at a time: no interplay
    await post("/explain", explained);
    await post("/stage", { stage: "explain", seconds: (performance.now() - t0) / 1000 });
    await post("/done", {});
  } catch (e) {
    await post("/fatal", { error: String((e && e.stack) || e) });
  }
})();
