'use strict';
// The Node.js column of the cross-language differential (docs/differential.md): answers all
// 65,536 codes and the corpus of tests/differential/ through the package's public API and writes
// them in the neutral format. `make diff-node`, then `xtask differential` compares with the core.
//
// Usage: node test/differential.js CORPUS_DIR OUT_FILE
const fs = require('node:fs');
const path = require('node:path');
const wsclose = require('wsclose');

const [corpus, outFile] = process.argv.slice(2);
if (!corpus || !outFile) {
  console.error('usage: node test/differential.js CORPUS_DIR OUT_FILE');
  process.exit(2);
}

const dataLines = (name) =>
  fs.readFileSync(path.join(corpus, name), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#'));
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
const CATEGORY = constOf(wsclose.Category);
const RECONNECT = constOf(wsclose.Reconnect);

function answer(call) {
  let value;
  try {
    value = call();
  } catch (error) {
    if (!(error instanceof wsclose.PayloadError)) throw error;
    return ['err', error.kind, dash(error.closeCode), dash(error.code), error.result, error.message].join('\t');
  }
  return value instanceof Uint8Array
    ? `ok\t${hex(value)}`
    : `ok\t${value.code}\t${hex(Buffer.from(value.reason, 'utf8'))}`;
}

const out = [];
for (let code = 0; code <= 0xffff; code++) {
  const info = wsclose.info(code);
  out.push([
    'code', code, CATEGORY.get(info.category), wsclose.categoryLabel(info.category), info.name ?? '-',
    wsclose.constName(code) ?? '-', bit(info.sendable), bit(info.localOnly), bit(info.browserCloseable),
    bit(info.ok), RECONNECT.get(info.reconnect), wsclose.reconnectLabel(info.reconnect), info.description,
  ].join('\t'));
}
for (const line of dataLines('parse.txt')) {
  out.push(`parse\t${line}\t${answer(() => wsclose.parseClosePayload(unhex(line)))}`);
}
for (const line of dataLines('encode.tsv')) {
  const [code, , utf16] = line.split('\t');
  if (utf16 === 'x') continue;
  out.push(`encode16\t${code}\t${utf16}\t${answer(() => wsclose.encodeClosePayload(Number(code), unhex16(utf16)))}`);
}
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, `${out.join('\n')}\n`);
