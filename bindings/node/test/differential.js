'use strict';
// The Node.js column of the cross-language differential (docs/differential.md): answers all
// 65,536 codes and the corpus of tests/differential/ through the package's public API (codes,
// parsing, string encoding, profiles' advice, the reconnect policy, explain, and the browser model
// both ways) and writes them in the neutral format. `make diff-node`, then `xtask differential` compares with the core.
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

// Profiles: every profile (name order) × every code.
const ADVICE = constOf(wsclose.Advice);
for (const profile of wsclose.profiles()) {
  for (let code = 0; code <= 0xffff; code++) {
    out.push(`advice\t${profile.name}\t${code}\t${ADVICE.get(profile.advice(code))}`);
  }
}

// The reconnect policy: one policy per row, the row's random number injected.
for (const line of dataLines('policy.tsv')) {
  const [profile, base, cap, max, retry, overrides, code, clean, attempt, random] = line.split('\t');
  const policy = new wsclose.ReconnectPolicy({
    profile: profile === '-' ? null : wsclose.profileByName(profile),
    baseMs: BigInt(base),
    capMs: BigInt(cap),
    maxAttempts: max === '-' ? null : Number(max),
    retryUnspecified: retry === '1',
    overrides: new Map(overrides === '-' ? [] : overrides.split(',').map((item) => {
      const [overridden, advice] = item.split(':');
      return [Number(overridden), wsclose.Advice[advice]];
    })),
  });
  const decision = policy.decide(Number(code), clean === '1', Number(attempt), () => BigInt(random));
  out.push(`policy\t${line}\t${decision.stop ? 'stop\t-' : `retry\t${decision.delayMsExact}`}`);
}

// explain: every code, with wasClean unknown, false, true.
for (let code = 0; code <= 0xffff; code++) {
  for (const [field, wasClean] of [['-', null], ['0', false], ['1', true]]) {
    const causes = wsclose.explain(code, wasClean).causes.map((cause) => cause.constName);
    out.push(`explain\t${code}\t${field}\t${causes.join(',')}`);
  }
}

// The browser model. Engines in number order; reasons as UTF-8 hex.
const engines = Object.values(wsclose.Engine).sort((a, b) => a - b);
const utf8hex = (text) => hex(Buffer.from(text, 'utf8'));
const replyField = (reply) => {
  if (reply === null) return 'none';
  if (reply.code === null) return 'empty';
  return `${reply.code}:${utf8hex(reply.reason)}`;
};
for (const engine of engines) {
  const name = wsclose.ENGINE_NAMES[engine];
  const payloads = [null, ...dataLines('parse.txt')];
  for (const payload of payloads) {
    const event = wsclose.closeEvent(engine, payload === null ? null : unhex(payload));
    out.push([
      'event', name, payload ?? 'dropped', event.code, bit(event.wasClean), bit(event.errorFired),
      utf8hex(event.reason), replyField(event.reply),
    ].join('\t'));
  }
}
for (const engine of engines) {
  const name = wsclose.ENGINE_NAMES[engine];
  for (const line of dataLines('pageclose.tsv')) {
    const [codeField, reasonField] = line.split('\t');
    const code = codeField === 'undefined' ? undefined : Number(codeField);
    const reason = reasonField === 'undefined' ? undefined : unhex16(reasonField);
    let answer;
    try {
      const sent = wsclose.pageClose(engine, code, reason);
      answer = `ok\t${dash(sent.code)}\t${utf8hex(sent.reason)}`;
    } catch (error) {
      if (!(error instanceof DOMException)) throw error;
      answer = `throw\t${error.name}`;
    }
    out.push(`pageclose\t${name}\t${line}\t${answer}`);
  }
}

fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, `${out.join('\n')}\n`);
