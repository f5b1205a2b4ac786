// `make bench-js`: nanoseconds per classify through the npm package (its WebAssembly module) next to an inline
// JavaScript switch, in the same run over the same random codes.
//
// A plain harness: 2^16 codes from a fixed seed (half uniform over 0..65535, a quarter
// 1000..1015, a quarter 3000..4999), 5 warm-up rounds, then the median of 15 rounds of 16 passes.
// Every result goes into a sum that is printed, so the engine cannot drop the calls.
// `--report FILE` rewrites the bench:js section of FILE (docs/benchmarks.md).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import { classify, wasm } from 'wsclose';

const CODES = 1 << 16;
const PASSES = 16;
const WARMUP_ROUNDS = 5;
const ROUNDS = 15;

// xorshift32 with a fixed seed: the same codes every run.
function randomCodes() {
  let state = 0x5eedc105;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  const codes = new Uint16Array(CODES);
  for (let i = 0; i < CODES; i++) {
    const pick = next() % 4;
    codes[i] = pick < 2 ? next() % 65536 : pick === 2 ? 1000 + (next() % 16) : 3000 + (next() % 2000);
  }
  return codes;
}

// The peer: what an application would write inline.
function inlineSwitch(code) {
  switch (Math.floor(code / 1000)) {
    case 0: return 0;
    case 1: return code <= 1015 ? 1 : 2;
    case 2: return 2;
    case 3: return 3;
    case 4: return 4;
    default: return 5;
  }
}

// The same rules as comparisons, the other way an application writes it.
function inlineIfChain(code) {
  if (code < 1000) return 0;
  if (code < 1016) return 1;
  if (code < 3000) return 2;
  if (code < 4000) return 3;
  if (code < 5000) return 4;
  return 5;
}

const rawClassify = wasm.wsclose_classify;

const variants = [
  ['classify() (the package: checks, then the wasm export)', (codes) => {
    let sum = 0;
    for (let pass = 0; pass < PASSES; pass++) {
      for (let i = 0; i < codes.length; i++) sum += classify(codes[i]);
    }
    return sum;
  }],
  ['wsclose_classify (raw wasm export)', (codes) => {
    let sum = 0;
    for (let pass = 0; pass < PASSES; pass++) {
      for (let i = 0; i < codes.length; i++) sum += rawClassify(codes[i]);
    }
    return sum;
  }],
  ['inline JS switch', (codes) => {
    let sum = 0;
    for (let pass = 0; pass < PASSES; pass++) {
      for (let i = 0; i < codes.length; i++) sum += inlineSwitch(codes[i]);
    }
    return sum;
  }],
  ['inline JS if-chain', (codes) => {
    let sum = 0;
    for (let pass = 0; pass < PASSES; pass++) {
      for (let i = 0; i < codes.length; i++) sum += inlineIfChain(codes[i]);
    }
    return sum;
  }],
];

function measure(run, codes) {
  let checksum = 0;
  for (let i = 0; i < WARMUP_ROUNDS; i++) checksum += run(codes);
  const ns = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = process.hrtime.bigint();
    checksum += run(codes);
    ns.push(Number(process.hrtime.bigint() - start) / (CODES * PASSES));
  }
  ns.sort((a, b) => a - b);
  return { nsPerCall: ns[ROUNDS >> 1], checksum };
}

const codes = randomCodes();
for (const code of codes) {
  if (classify(code) !== inlineSwitch(code) || classify(code) !== inlineIfChain(code)) throw new Error(`module and inline switch disagree on ${code}`);
}
const results = variants.map(([name, run]) => ({ name, ...measure(run, codes) }));
const peer = results[2].nsPerCall;
let table = '| variant | ns/call | time / inline switch |\n|---|---:|---:|\n';
for (const r of results) {
  table += `| ${r.name} | ${r.nsPerCall.toFixed(2)} | ${(r.nsPerCall / peer).toFixed(1)}x |\n`;
}
process.stdout.write(table);
console.log(`(checksum ${results.reduce((sum, r) => sum + r.checksum, 0)})`);

const reportAt = process.argv.indexOf('--report');
if (reportAt !== -1) {
  const file = process.argv[reportAt + 1];
  const wasmSize = readFileSync(new URL('../dist/wsclose.wasm', import.meta.url)).length;
  const body = '### JavaScript (npm `wsclose`, WebAssembly)\n\n' +
    '`make bench-js`: `classify(code)` of the npm package (`bindings/js`) and the raw `wsclose_classify` ' +
    'export of the module next to an inline JavaScript `switch` (and an if-chain), same Node.js process, same run, over ' +
    '2^16 codes from a fixed seed (half uniform over 0..65535, a quarter 1000..1015, a quarter ' +
    '3000..4999). Plain harness: 5 warm-up rounds, the median of 15 rounds of 16 passes, results ' +
    `summed into a printed checksum. Module size: ${wasmSize} bytes.\n\n` +
    table +
    '\nOn this random mix the inline `switch` and if-chain often mispredict their branches, while ' +
    '`wsclose_classify` adds up five comparisons without branching, which is why the call can come out ahead.\n' +
    `\nMachine: ${os.cpus()[0]?.model ?? os.arch()} (${os.cpus().length} cores), Node.js ${process.version}. ` +
    `Date: ${new Date().toISOString().slice(0, 10)}.\n`;
  const start = '<!-- bench:js -->';
  const end = '<!-- /bench:js -->';
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const block = `${start}\n${body}${end}`;
  text = from >= 0 && to > from
    ? text.slice(0, from) + block + text.slice(to + end.length)
    : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
  console.log(`wrote the bench:js section of ${file}`);
}
