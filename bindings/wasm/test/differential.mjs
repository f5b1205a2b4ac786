// The WebAssembly column of the cross-language differential (docs/differential.md): answers all
// 65,536 codes and the corpus of tests/differential/ through the module's public API (Uint8Array
// reasons for `encode`, strings for `encode16`) and writes them in the neutral format.
// `make diff-wasm`, then `xtask differential` compares with the core.
//
// Usage: node test/differential.mjs CORPUS_DIR OUT_FILE
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import * as ws from 'wsclose-wasm';

const [corpus, outFile] = process.argv.slice(2);
if (!corpus || !outFile) {
  console.error('usage: node test/differential.mjs CORPUS_DIR OUT_FILE');
  process.exit(2);
}

const dataLines = (name) =>
  readFileSync(path.join(corpus, name), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#'));
const hex = (bytes) => (bytes.length === 0 ? '-' : Buffer.from(bytes).toString('hex'));
const unhex = (text) => (text === '-' ? new Uint8Array(0) : new Uint8Array(Buffer.from(text, 'hex')));
const unhex16 = (text) => {
  let s = '';
  if (text !== '-') for (let i = 0; i < text.length; i += 4) s += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
  return s;
};
const dash = (value) => (value === null ? '-' : String(value));
const bit = (value) => (value ? '1' : '0');
// Constant names of the generated enums, by number.
const constOf = (object) => new Map(Object.entries(object).map(([key, value]) => [value, key]));
const CATEGORY = constOf(ws.Category);
const RECONNECT = constOf(ws.Reconnect);

function answer(call) {
  let value;
  try {
    value = call();
  } catch (error) {
    if (!(error instanceof ws.PayloadError)) throw error;
    return ['err', error.kind, dash(error.closeCode), dash(error.code), error.result, error.message].join('\t');
  }
  return value instanceof Uint8Array
    ? `ok\t${hex(value)}`
    : `ok\t${value.code}\t${hex(Buffer.from(value.reason, 'utf8'))}`;
}

const out = [];
for (let code = 0; code <= 0xffff; code++) {
  const info = ws.info(code);
  out.push([
    'code', code, CATEGORY.get(info.category), ws.categoryLabel(info.category), info.name ?? '-',
    ws.constName(code) ?? '-', bit(info.sendable), bit(info.localOnly), bit(info.browserCloseable),
    bit(info.ok), RECONNECT.get(info.reconnect), ws.reconnectLabel(info.reconnect), info.description,
  ].join('\t'));
}
for (const line of dataLines('parse.txt')) {
  out.push(`parse\t${line}\t${answer(() => ws.parseClosePayload(unhex(line)))}`);
}
const rows = dataLines('encode.tsv').map((line) => line.split('\t'));
for (const [code, reason] of rows) {
  out.push(`encode\t${code}\t${reason}\t${answer(() => ws.encodeClosePayload(Number(code), unhex(reason)))}`);
}
for (const [code, , utf16] of rows) {
  if (utf16 === 'x') continue;
  out.push(`encode16\t${code}\t${utf16}\t${answer(() => ws.encodeClosePayload(Number(code), unhex16(utf16)))}`);
}
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, `${out.join('\n')}\n`);
