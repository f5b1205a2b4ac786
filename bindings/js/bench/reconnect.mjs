// `make bench-js`, part two: what the reconnecting client costs.
//
// Size: the client (`wsclose/reconnect`) as an esbuild bundle for browsers, minified, next to
// partysocket's own client bundled the same way; each gzipped (zlib level 9). The module
// (wsclose.wasm) is a separate file the bundle loads from next to itself, so it is counted
// separately and in the total; "inlined" is the bundle with the module as a base64 string in it.
// Then the share of the module's bytes that are descriptions (text no decision reads): each
// distinct description, profile description and explain text is found in the module's bytes,
// and the module is gzipped once with them cut out.
// Cost: nanoseconds per decision (ReconnectPolicy.decide through the package, the raw
// wsclose_policy_decide export) and per explain(code, wasClean), the two calls the client makes
// after each close. Plain harness: a fixed mix of closes, 5 warm-up rounds, the median of 15.
// `--report FILE` rewrites the bench:js-reconnect section of FILE (docs/benchmarks.md).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as wsclose from 'wsclose';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const ESBUILD = path.join(PACKAGE, 'node_modules/.bin/esbuild');
const WASM = readFileSync(path.join(PACKAGE, 'dist/wsclose.wasm'));
const PEER = JSON.parse(readFileSync(path.join(PACKAGE, 'node_modules/partysocket/package.json'), 'utf8'));

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** The minified esbuild bundle of `source` (an ES module inside the package, so its imports resolve). */
function bundle(source) {
  const dir = mkdtempSync(path.join(tmpdir(), 'wsclose-size-'));
  const entry = path.join(PACKAGE, '.bench-entry.mjs');
  try {
    writeFileSync(entry, source);
    execFileSync(ESBUILD, [entry, '--bundle', '--minify', '--format=esm', '--platform=browser', '--target=es2022',
      '--log-level=warning', `--outfile=${path.join(dir, 'out.mjs')}`], { stdio: 'pipe' });
    return readFileSync(path.join(dir, 'out.mjs'));
  } finally {
    rmSync(entry, { force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Size

const ours = bundle("export { ReconnectingWebSocket } from 'wsclose/reconnect';\n");
const inlined = Buffer.concat([ours, Buffer.from(`\nexport const wasm="${WASM.toString('base64')}";\n`)]);
const peerWs = bundle("export { default as ReconnectingWebSocket } from 'partysocket/ws';\n");
const peerParty = bundle("export { PartySocket } from 'partysocket';\n");

const sizes = {
  js: { raw: ours.length, gz: gzip(ours) },
  wasm: { raw: WASM.length, gz: gzip(WASM) },
  inlined: { raw: inlined.length, gz: gzip(inlined) },
  peerWs: { raw: peerWs.length, gz: gzip(peerWs) },
  peerParty: { raw: peerParty.length, gz: gzip(peerParty) },
};
const total = { raw: sizes.js.raw + sizes.wasm.raw, gz: sizes.js.gz + sizes.wasm.gz };

// Descriptions: every text the module holds only to be read by people.
const decoder = new TextDecoder();
const memory = () => new Uint8Array(wsclose.wasm.memory.buffer);
function cString(ptr) {
  if (ptr === 0) return null;
  const bytes = memory();
  return decoder.decode(bytes.subarray(ptr, bytes.indexOf(0, ptr)));
}
const texts = { code: new Set(), profile: new Set(), explain: new Set() };
for (let code = 0; code <= 0xffff; code++) {
  texts.code.add(wsclose.description(code));
  for (const profile of wsclose.profiles()) {
    const row = profile.lookup(code);
    if (row !== null) texts.profile.add(row.description);
  }
}
for (const cause of Object.values(wsclose.Cause)) {
  texts.explain.add(cString(wsclose.wasm.wsclose_cause_summary(cause)));
  texts.explain.add(cString(wsclose.wasm.wsclose_cause_check(cause)));
}
/** Bytes of the texts found in the module (with their NUL), and the module with them cut out. */
function cut(module, sets) {
  let found = 0;
  let missing = 0;
  let rest = Buffer.from(module);
  for (const set of sets) {
    for (const text of set) {
      const needle = Buffer.from(`${text}\0`);
      const at = rest.indexOf(needle);
      if (at < 0) { missing++; continue; }
      found += needle.length;
      rest = Buffer.concat([rest.subarray(0, at), rest.subarray(at + needle.length)]);
    }
  }
  return { found, missing, gz: gzip(rest) };
}
/** The sizes of the module's code and data sections (the WebAssembly binary format's ids 10 and 11). */
function sections(module) {
  const found = { code: 0, data: 0 };
  let at = 8;
  while (at < module.length) {
    const id = module[at++];
    let size = 0;
    let shift = 0;
    let byte;
    do {
      byte = module[at++];
      size += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    if (id === 10) found.code = size;
    if (id === 11) found.data = size;
    at += size;
  }
  return found;
}
const layout = sections(WASM);
const profileOnly = cut(WASM, [texts.profile]);
const allTexts = cut(WASM, [texts.profile, texts.code, texts.explain]);
if (profileOnly.missing > 0 || allTexts.missing > 0) {
  throw new Error(`${allTexts.missing} description texts were not found in the module as they are`);
}

// ---------------------------------------------------------------------------------------------
// Cost of one decision

const CLOSES = 4096;
const WARMUP_ROUNDS = 5;
const ROUNDS = 15;

// xorshift32 with a fixed seed: the same closes every run. A mix of what clients meet: clean
// standard codes, application codes, 1006 unclean, attempts 0..9.
function closes() {
  let state = 0x5eedc105;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  const list = [];
  for (let i = 0; i < CLOSES; i++) {
    const pick = next() % 4;
    const code = pick === 0 ? 1006 : pick === 1 ? 1000 + (next() % 16) : 4000 + (next() % 1000);
    list.push([code, code !== 1006, next() % 10]);
  }
  return list;
}

let seed = 0x9e3779b97f4a7c15n;
const random = () => {
  seed ^= (seed << 13n) & 0xffffffffffffffffn;
  seed ^= seed >> 7n;
  seed ^= (seed << 17n) & 0xffffffffffffffffn;
  return seed;
};

const policy = new wsclose.ReconnectPolicy({ profile: wsclose.profileByName('centrifuge'), baseMs: 1000, maxAttempts: 20 });
const list = closes();
// The raw export, as the package calls it: the policy struct built once at a fixed address.
const RAW_AT = wsclose.wasm.memory.grow(1) * 65536;
if (wsclose.wasm.wsclose_policy_init(RAW_AT) !== 0) throw new Error('wsclose_policy_init failed');
wsclose.wasm.wsclose_policy_set_profile(RAW_AT, wsclose.profiles().indexOf(policy.profile));
wsclose.wasm.wsclose_policy_set_max_attempts(RAW_AT, 20n);

const variants = [
  ['ReconnectPolicy.decide (the package: checks, then the wasm export)', () => {
    let sum = 0;
    for (const [code, clean, attempt] of list) {
      const decision = policy.decide(code, clean, attempt, random);
      sum += decision.stop ? 1 : decision.delayMs & 1;
    }
    return sum;
  }],
  ['wsclose_policy_decide (raw wasm export)', () => {
    let sum = 0;
    for (const [code, clean, attempt] of list) {
      sum += wsclose.wasm.wsclose_policy_decide(RAW_AT, code, clean ? 1 : 0, attempt, 0x8000000000000000n, RAW_AT + 1024);
    }
    return sum;
  }],
  ['explain(code, wasClean) (the causes a reconnect event carries)', () => {
    let sum = 0;
    for (const [code, clean] of list) sum += wsclose.explain(code, clean).causes.length;
    return sum;
  }],
];

function measure(run) {
  let checksum = 0;
  for (let i = 0; i < WARMUP_ROUNDS; i++) checksum += run();
  const ns = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = process.hrtime.bigint();
    checksum += run();
    ns.push(Number(process.hrtime.bigint() - start) / CLOSES);
  }
  ns.sort((a, b) => a - b);
  return { nsPerCall: ns[ROUNDS >> 1], checksum };
}
const results = variants.map(([name, run]) => ({ name, ...measure(run) }));

// ---------------------------------------------------------------------------------------------
// Report

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const row = (name, s) => `| ${name} | ${s.raw} (${kib(s.raw)}) | ${s.gz} (${kib(s.gz)}) |\n`;
let sizeTable = '| bundle (esbuild --bundle --minify, browser) | bytes | gzip -9 |\n|---|---:|---:|\n';
sizeTable += row('wsclose/reconnect: JavaScript', sizes.js);
sizeTable += row('wsclose/reconnect: wsclose.wasm (loaded from next to the bundle)', sizes.wasm);
sizeTable += row('**wsclose/reconnect: JavaScript + wsclose.wasm**', total);
sizeTable += row('wsclose/reconnect: the module inlined as base64', sizes.inlined);
sizeTable += row(`partysocket ${PEER.version}: \`partysocket/ws\` (ReconnectingWebSocket)`, sizes.peerWs);
sizeTable += row(`partysocket ${PEER.version}: \`partysocket\` (PartySocket)`, sizes.peerParty);
const ratio = total.gz / sizes.peerWs.gz;
const share = (n) => `${((100 * n) / WASM.length).toFixed(0)}%`;
const descriptions =
  `The module is ${layout.code} bytes of code and ${layout.data} bytes of data. Descriptions in it: the ${texts.profile.size} distinct profile descriptions are ${profileOnly.found} bytes ` +
  `(${share(profileOnly.found)} of the module's ${WASM.length}); with the ${texts.code.size} code descriptions and the ` +
  `${texts.explain.size} texts of explain, ${allTexts.found} bytes (${share(allTexts.found)}). Cut out, the module gzips to ` +
  `${profileOnly.gz} bytes without the profile descriptions and ${allTexts.gz} without any (from ${sizes.wasm.gz}): ` +
  `${sizes.wasm.gz - profileOnly.gz} and ${sizes.wasm.gz - allTexts.gz} bytes less, ` +
  `${(100 * (sizes.wasm.gz - profileOnly.gz) / total.gz).toFixed(0)}% and ${(100 * (sizes.wasm.gz - allTexts.gz) / total.gz).toFixed(0)}% ` +
  'of the client\'s gzipped total.';
let costTable = '| call (per close) | ns/call |\n|---|---:|\n';
for (const r of results) costTable += `| ${r.name} | ${r.nsPerCall.toFixed(0)} |\n`;

process.stdout.write(`${sizeTable}\nclient / partysocket/ws, gzipped: ${ratio.toFixed(2)}x\n${descriptions}\n\n${costTable}`);
console.log(`(checksum ${results.reduce((sum, r) => sum + r.checksum, 0)})`);

const reportAt = process.argv.indexOf('--report');
if (reportAt !== -1) {
  const file = process.argv[reportAt + 1];
  const body = '### JavaScript: the reconnecting client (`wsclose/reconnect`)\n\n' +
    '`make bench-js` (`bindings/js/bench/reconnect.mjs`). **Size**: each client as an esbuild bundle for browsers ' +
    '(`--bundle --minify --format=esm --platform=browser`), gzipped at level 9. The bundle loads wsclose.wasm from ' +
    'next to itself (`new URL(\'./wsclose.wasm\', import.meta.url)`), so the module is a second file, counted ' +
    `in the total. partysocket ${PEER.version} is pinned in \`bindings/js/package.json\`; its \`partysocket/ws\` ` +
    'entry is the reconnecting WebSocket alone, `partysocket` adds PartySocket (room URLs, ids).\n\n' +
    sizeTable +
    `\nThe client with its module is ${ratio.toFixed(2)}x partysocket's reconnecting WebSocket, gzipped ` +
    `(${(total.gz / sizes.peerParty.gz).toFixed(2)}x the \`partysocket\` entry); the aim was at most 2x. The module ` +
    `alone is ${(sizes.wasm.gz / sizes.peerWs.gz).toFixed(1)}x, and without any description text it would still be ` +
    `${(allTexts.gz / sizes.peerWs.gz).toFixed(1)}x: the aim cannot be met by a client that runs the whole rule book ` +
    '(every code, profile, payload rule and the browser model) in WebAssembly.\n\n' +
    `${descriptions}\n\n` +
    '**Cost**: after each close the client makes one decision and one explain call. Same process, a fixed mix of ' +
    `${CLOSES} closes (a quarter 1006 unclean, a quarter 1000..1015, half 4000..4999; attempts 0..9) under the centrifuge ` +
    'profile; 5 warm-up rounds, the median of 15, results summed into a printed checksum.\n\n' +
    costTable +
    `\nMachine: ${os.cpus()[0]?.model ?? os.arch()} (${os.cpus().length} cores), Node.js ${process.version}. ` +
    `Date: ${new Date().toISOString().slice(0, 10)}.\n`;
  const start = '<!-- bench:js-reconnect -->';
  const end = '<!-- /bench:js-reconnect -->';
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const block = `${start}\n${body}${end}`;
  if (from >= 0 && to > from) {
    text = text.slice(0, from) + block + text.slice(to + end.length);
  } else {
    // After the bench:js block, when there is one.
    const after = text.indexOf('<!-- /bench:js -->');
    text = after >= 0
      ? `${text.slice(0, after + '<!-- /bench:js -->'.length)}\n\n${block}${text.slice(after + '<!-- /bench:js -->'.length)}`
      : `${text.trimEnd()}\n\n${block}\n`;
  }
  writeFileSync(file, text);
  console.log(`wrote the bench:js-reconnect section of ${file}`);
}
