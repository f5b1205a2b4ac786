'use strict';
// ns per classify call through the binding (koffi -> libwsclose), next to an inline JavaScript
// switch on the ranges, in the same run. Usage: node bench/bench.js [--doc docs/benchmarks.md]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const wsclose = require('wsclose');

const BEGIN = '<!-- bench:node -->';
const END = '<!-- /bench:node -->';

// Fixed-seed mix of 65,536 codes: half uniform over 0..65535, a quarter 1000..1015, a quarter
// 3000..4999 (mulberry32 generator).
function makeCodes() {
  let state = 0x5eed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const codes = new Uint16Array(1 << 16);
  for (let i = 0; i < codes.length; i++) {
    const r = next();
    if (r < 0.5) codes[i] = Math.floor(next() * 65536);
    else if (r < 0.75) codes[i] = 1000 + Math.floor(next() * 16);
    else codes[i] = 3000 + Math.floor(next() * 2000);
  }
  return codes;
}

// What a JavaScript program would write by hand.
function inlineClassify(code) {
  if (code < 1000) return 0;
  if (code < 1016) return 1;
  if (code < 3000) return 2;
  if (code < 4000) return 3;
  if (code < 5000) return 4;
  return 5;
}

// One loop per contender, so that each call site sees a single function (as in real code) and
// V8 can inline the switch the way it would inline it in a program.
function loopBinding(codes, calls) {
  const mask = codes.length - 1;
  const classify = wsclose.classify;
  let sink = 0;
  for (let i = 0; i < calls; i++) sink += classify(codes[i & mask]);
  return sink;
}

function loopInline(codes, calls) {
  const mask = codes.length - 1;
  let sink = 0;
  for (let i = 0; i < calls; i++) sink += inlineClassify(codes[i & mask]);
  return sink;
}

/** Best of `rounds` timings of `calls` calls, in ns per call. */
function measure(loop, codes, calls, rounds) {
  let best = Infinity;
  let sink = 0;
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    sink += loop(codes, calls);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / calls);
  }
  if (sink < 0) console.log(sink); // keeps the loops from being optimised away
  return best;
}

function measureMany(codes, rounds) {
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 20; i++) wsclose.classifyMany(codes);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / (20 * codes.length));
  }
  return best;
}

function koffiVersion() {
  // koffi's package.json is not in its `exports`; read it next to its entry point.
  const file = path.join(path.dirname(require.resolve('koffi')), 'package.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

function cpuModel() {
  try {
    const line = execFileSync('lscpu', { encoding: 'utf8' }).split('\n').find((l) => l.startsWith('Model name:'));
    if (line) return line.slice('Model name:'.length).trim();
  } catch {
    // fall through
  }
  return os.cpus()[0]?.model ?? os.arch();
}

function main() {
  const codes = makeCodes();
  // Both functions must agree before their speed is compared.
  for (let code = 0; code <= 0xffff; code++) {
    if (inlineClassify(code) !== wsclose.classify(code)) throw new Error(`inline switch wrong at ${code}`);
  }
  const calls = 2_000_000;
  measure(loopBinding, codes, calls, 2); // warm-up
  measure(loopInline, codes, calls, 2);
  const binding = measure(loopBinding, codes, calls, 5);
  const inline = measure(loopInline, codes, calls, 5);
  const many = measureMany(codes, 5);
  const ratio = binding / inline;
  console.log(
    `node: wsclose.classify ${binding.toFixed(2)} ns/call, inline switch ${inline.toFixed(2)} ns/call, ` +
      `ratio ${ratio.toFixed(1)}x (classifyMany ${many.toFixed(2)} ns/code)`,
  );

  const docIndex = process.argv.indexOf('--doc');
  if (docIndex < 0) return;
  const doc = process.argv[docIndex + 1];
  const date = new Date().toISOString().slice(0, 10);
  const section = [
    BEGIN,
    '### Node.js binding (koffi)',
    '',
    `\`make bench-node\` (\`node bench/bench.js\` in \`bindings/node\`) on ${date}, ${cpuModel()}, Node ${process.version}, ` +
      `koffi ${koffiVersion()}, libwsclose ${wsclose.version()}.`,
    'Input: 65,536 codes from a fixed-seed generator, half uniform over 0–65535, a quarter from',
    `1000–1015 and a quarter from 3000–4999; best of 5 rounds of ${calls.toLocaleString('en')} calls.`,
    '',
    '| what | ns per code |',
    '|------|------------:|',
    `| \`classify(code)\` (argument check + one koffi call) | ${binding.toFixed(2)} |`,
    `| inline JavaScript \`if\` chain on the ranges | ${inline.toFixed(2)} |`,
    `| \`classifyMany(Uint16Array)\` (one koffi call per 65,536 codes) | ${many.toFixed(2)} |`,
    '',
    `Binding / inline switch: **${ratio.toFixed(1)}×**. The difference is the cost of crossing from V8 into C`,
    'through koffi on every call; the bulk call pays it once per array.',
    END,
  ].join('\n');
  let text = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : '';
  const start = text.indexOf(BEGIN);
  const stop = text.indexOf(END);
  if (start >= 0 && stop > start) {
    text = text.slice(0, start) + section + text.slice(stop + END.length);
  } else if (start < 0 && stop < 0) {
    text = (text === '' ? '' : text.replace(/\n*$/, '\n\n')) + section + '\n';
  } else {
    throw new Error(`${doc}: the markers ${BEGIN} and ${END} are not a pair`);
  }
  fs.writeFileSync(doc, text);
  console.log(`node: wrote the ${BEGIN} section of ${doc}`);
}

main();
