// The JavaScript columns of the cross-language differential (docs/differential.md), as a pure
// function: `answers(corpus, ws)` answers all 65,536 codes and the corpus of tests/differential/
// through the public API of `ws` (the npm package `wsclose`) and returns the answer lines in the
// neutral format. No file or Node.js API is used here, so the same function runs in Node.js
// (./differential.mjs reads the corpus and writes build/differential/node.txt) and in a browser
// page (fetch the corpus files and this module over HTTP).
//
//   import { CORPUS_FILES, answers } from './differential-answers.mjs';
//   const corpus = Object.fromEntries(await Promise.all(CORPUS_FILES.map(async (name) =>
//     [name, await (await fetch(`${base}/${name}`)).text()])));
//   const text = answers(corpus, wsclose); // one line per answer, '\n'-terminated

/** The corpus files `answers` reads, by the names of tests/differential/. */
export const CORPUS_FILES = Object.freeze(['parse.txt', 'encode.tsv', 'policy.tsv', 'pageclose.tsv', 'profile.txt', 'intent.txt']);

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Bytes as lowercase hex; "-" for none. */
function hex(bytes) {
  if (bytes.length === 0) return '-';
  let out = '';
  for (const byte of bytes) out += HEX[byte];
  return out;
}

/** Hex ("-" = empty) to bytes. */
function unhex(text) {
  if (text === '-') return new Uint8Array(0);
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** UTF-16 code units, 4 hex digits each ("-" = empty), to a JS string; lone surrogates kept. */
function unhex16(text) {
  let s = '';
  if (text !== '-') for (let i = 0; i < text.length; i += 4) s += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
  return s;
}

/**
 * A string's UTF-8 bytes as hex. Spelled out by code point, with nothing replaced: a lone
 * surrogate (which the module never returns) would show as its own 3 bytes, not as U+FFFD.
 */
function utf8hex(text) {
  const out = [];
  for (const char of text) {
    const cp = char.codePointAt(0);
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return hex(out);
}

const dash = (value) => (value === null ? '-' : String(value));
const bit = (value) => (value ? '1' : '0');
/** Constant names of a generated enum, by number. */
const constOf = (object) => new Map(Object.entries(object).map(([key, value]) => [value, key]));

/** The data lines of a corpus text (no comments, no blank lines); throws when there are none. */
function dataLines(corpus, name) {
  const text = corpus[name];
  if (typeof text !== 'string') throw new Error(`differential: the corpus has no ${name}`);
  const lines = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length === 0) throw new Error(`differential: ${name} has no data lines`);
  return lines;
}

/**
 * The answer lines for `corpus` (an object from each name of CORPUS_FILES to the file's text),
 * '\n'-terminated, through `ws` (by default the module next to this directory, wsclose.mjs).
 */
export function answers(corpus, ws) {
  const CATEGORY = constOf(ws.Category);
  const RECONNECT = constOf(ws.Reconnect);
  const ADVICE = constOf(ws.Advice);

  function payloadAnswer(call) {
    let value;
    try {
      value = call();
    } catch (error) {
      if (!(error instanceof ws.PayloadError)) throw error;
      return ['err', error.kind, dash(error.closeCode), dash(error.code), error.result, error.message].join('\t');
    }
    return value instanceof Uint8Array ? `ok\t${hex(value)}` : `ok\t${value.code}\t${utf8hex(value.reason)}`;
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
  const payloads = dataLines(corpus, 'parse.txt');
  for (const line of payloads) {
    out.push(`parse\t${line}\t${payloadAnswer(() => ws.parseClosePayload(unhex(line)))}`);
  }
  const rows = dataLines(corpus, 'encode.tsv').map((line) => line.split('\t'));
  for (const [code, reason] of rows) {
    out.push(`encode\t${code}\t${reason}\t${payloadAnswer(() => ws.encodeClosePayload(Number(code), unhex(reason)))}`);
  }
  for (const [code, , utf16] of rows) {
    if (utf16 === 'x') continue;
    out.push(`encode16\t${code}\t${utf16}\t${payloadAnswer(() => ws.encodeClosePayload(Number(code), unhex16(utf16)))}`);
  }

  // Profiles: every profile (name order) × every code.
  for (const profile of ws.profiles()) {
    for (let code = 0; code <= 0xffff; code++) {
      out.push(`advice\t${profile.name}\t${code}\t${ADVICE.get(profile.advice(code))}`);
    }
  }

  // The reconnect policy: one policy per row, the row's random number injected.
  for (const line of dataLines(corpus, 'policy.tsv')) {
    const [profile, base, cap, max, retry, overrides, code, clean, attempt, random] = line.split('\t');
    // `#N`: the raw advice number N; one that is no advice is refused (RangeError) when the
    // policy is built.
    const raw = overrides.split(',').some((item) => item.includes(':#'));
    let policy;
    try {
      policy = new ws.ReconnectPolicy({
        profile: profile === '-' ? null : ws.profileByName(profile),
        baseMs: BigInt(base),
        capMs: BigInt(cap),
        maxAttempts: max === '-' ? null : Number(max),
        retryUnspecified: retry === '1',
        overrides: new Map(overrides === '-' ? [] : overrides.split(',').map((item) => {
          const [overridden, advice] = item.split(':');
          return [Number(overridden), advice.startsWith('#') ? Number(advice.slice(1)) : ws.Advice[advice]];
        })),
      });
    } catch (error) {
      if (!raw || !(error instanceof RangeError)) throw error;
      out.push(`policy\t${line}\trefused\t-`);
      continue;
    }
    const decision = policy.decide(Number(code), clean === '1', Number(attempt), () => BigInt(random));
    out.push(`policy\t${line}\t${decision.stop ? 'stop\t-' : `retry\t${decision.delayMsExact}`}`);
  }

  // explain: every code, with wasClean unknown, false, true.
  for (let code = 0; code <= 0xffff; code++) {
    for (const [field, wasClean] of [['-', null], ['0', false], ['1', true]]) {
      const causes = ws.explain(code, wasClean).causes.map((cause) => cause.constName);
      out.push(`explain\t${code}\t${field}\t${causes.join(',')}`);
    }
  }

  // The browser model, engines in number order.
  const engines = Object.values(ws.Engine).sort((a, b) => a - b);
  const replyField = (reply) => {
    if (reply === null) return 'none';
    if (reply.code === null) return 'empty';
    return `${reply.code}:${utf8hex(reply.reason)}`;
  };
  for (const engine of engines) {
    for (const payload of ['dropped', 'reset', ...payloads]) {
      const event = payload === 'dropped' ? ws.closeEvent(engine, null)
        : payload === 'reset' ? ws.resetEvent(engine) : ws.closeEvent(engine, unhex(payload));
      out.push([
        'event', ws.ENGINE_NAMES[engine], payload, event.code, bit(event.wasClean),
        bit(event.errorFired), utf8hex(event.reason), replyField(event.reply),
      ].join('\t'));
    }
  }
  // An engine number that is no engine is refused with RangeError.
  for (const input of ['dropped', 'reset', '03e8']) {
    try {
      if (input === 'reset') ws.resetEvent(7);
      else ws.closeEvent(7, input === 'dropped' ? null : unhex(input));
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      out.push(`event\t#7\t${input}\trefused`);
      continue;
    }
    throw new Error('differential: engine 7 was accepted');
  }
  const pageRows = dataLines(corpus, 'pageclose.tsv');
  for (const engine of engines) {
    for (const line of pageRows) {
      const [codeField, reasonField] = line.split('\t');
      const code = codeField === 'undefined' ? undefined : Number(codeField);
      const reason = reasonField === 'undefined' ? undefined : unhex16(reasonField);
      let answer;
      try {
        const sent = ws.pageClose(engine, code, reason);
        answer = `ok\t${dash(sent.code)}\t${utf8hex(sent.reason)}`;
      } catch (error) {
        if (!(error instanceof DOMException)) throw error;
        answer = `throw\t${error.name}`;
      }
      out.push(`pageclose\t${ws.ENGINE_NAMES[engine]}\t${line}\t${answer}`);
    }
  }

  // Profile lookups: the name's WTF-8 bytes as a JS string (lone surrogates kept): none found.
  for (const line of dataLines(corpus, 'profile.txt')) {
    const name = wtf8ToString(unhex(line));
    const byName = ws.profileByName(name);
    const byToken = ws.profileBySubprotocol(name);
    out.push(`profile\t${line}\t${byName === null ? '-' : byName.name}\t${byToken === null ? '-' : byToken.name}`);
  }

  // Intents: per profile and intent, the ranges, then the verdict for every code of intent.txt.
  const codes = dataLines(corpus, 'intent.txt').map(Number);
  const INTENT = constOf(ws.Intent);
  const intents = Object.values(ws.Intent).sort((a, b) => a - b);
  for (const profile of ws.profiles()) {
    for (const intent of intents) {
      const head = `intent\t${profile.name}\t${INTENT.get(intent)}`;
      const ranges = profile.codesFor(intent);
      out.push(`${head}\tranges\t${ranges.length}`);
      for (const r of ranges) out.push(`${head}\trange\t${r.first}\t${r.last}\t${ADVICE.get(r.advice)}`);
      for (const code of codes) {
        const miss = profile.checkIntent(code, intent);
        let verdict;
        if (miss === null) verdict = 'ok';
        else if (miss.advice === null) verdict = `unsendable\t${dash(miss.below)}\t${dash(miss.above)}`;
        else verdict = `advice\t${ADVICE.get(miss.advice)}\t${dash(miss.below)}\t${dash(miss.above)}`;
        out.push(`${head}\tcheck\t${code}\t${verdict}`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}

/** WTF-8 bytes (UTF-8 that may spell lone surrogates) to the JS string of those code units. */
function wtf8ToString(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
    let point = len === 1 ? b : b & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) point = (point << 6) | (bytes[i + k] & 0x3f);
    s += String.fromCodePoint(point); // a surrogate code point is its lone code unit
    i += len;
  }
  return s;
}
