// All 65,536 codes through every entry point of the module. The answers themselves are compared
// with the core by the differential (make diff-node); here the entry points must agree with each
// other and with the generated constants, so no rule is typed out in this file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ws from 'wsclose';

const CATEGORIES = new Set(Object.values(ws.Category));
const ADVICE = new Set(Object.values(ws.Reconnect));

test('every code 0..65535: info agrees with the per-code functions and the raw exports', () => {
  const all = new Uint16Array(0x10000).map((_, i) => i);
  const many = ws.classifyMany(all);
  for (let code = 0; code <= 0xffff; code++) {
    const info = ws.info(code);
    const direct = {
      code,
      category: ws.classify(code),
      reconnect: ws.reconnect(code),
      sendable: ws.isSendable(code),
      localOnly: ws.isLocalOnly(code),
      browserCloseable: ws.isBrowserCloseable(code),
      ok: ws.isOk(code),
      name: ws.name(code),
      description: ws.description(code),
    };
    for (const [key, value] of Object.entries(direct)) {
      if (info[key] !== value) assert.fail(`info(${code}).${key} = ${info[key]}, ${key}(${code}) = ${value}`);
    }
    if (many[code] !== info.category || ws.wasm.wsclose_classify(code) !== info.category) {
      assert.fail(`code ${code}: classifyMany/raw export disagree with classify`);
    }
    if (!CATEGORIES.has(info.category) || !ADVICE.has(info.reconnect) || info.description.length === 0) {
      assert.fail(`info(${code}) = ${JSON.stringify(info)}`);
    }
    if ((info.name === null) !== (ws.constName(code) === null)) assert.fail(`code ${code}: name vs constName`);
  }
});

test('every code 0..65535: a two-byte payload parses, and the code encodes, exactly when it is sendable', () => {
  for (let code = 0; code <= 0xffff; code++) {
    const payload = Uint8Array.of(code >> 8, code & 0xff);
    if (ws.isSendable(code)) {
      const close = ws.parseClosePayload(payload);
      if (close.code !== code || close.reason !== '') assert.fail(`parse ${code}: ${JSON.stringify(close)}`);
      const encoded = ws.encodeClosePayload(code, 'x');
      if (encoded.length !== 3 || encoded[0] !== payload[0] || encoded[1] !== payload[1] || encoded[2] !== 0x78) {
        assert.fail(`encode ${code}: ${encoded}`);
      }
    } else {
      for (const call of [() => ws.parseClosePayload(payload), () => ws.encodeClosePayload(code)]) {
        try {
          call();
          assert.fail(`code ${code} was accepted`);
        } catch (error) {
          if (!(error instanceof ws.PayloadError) || error.kind !== 'INVALID_CODE' || error.code !== code) throw error;
        }
      }
    }
  }
});

test('the generated constants match the library', () => {
  const entries = Object.entries(ws.CloseCode);
  assert.equal(entries.length, 16);
  for (const [constName, code] of entries) {
    assert.equal(ws.constName(code), constName);
    assert.equal(ws.classify(code), ws.Category.STANDARD);
  }
  const categories = Object.values(ws.Category);
  assert.deepEqual(categories.map(ws.categoryLabel), [...ws.CATEGORY_LABELS]);
  assert.throws(() => ws.categoryLabel(Math.max(...categories) + 1), RangeError);
  const advice = Object.values(ws.Reconnect);
  assert.deepEqual(advice.map(ws.reconnectLabel), [...ws.RECONNECT_LABELS]);
  assert.throws(() => ws.reconnectLabel(Math.max(...advice) + 1), RangeError);
  for (const [kind, { result, message, closeCode }] of Object.entries(ws.PAYLOAD_ERROR_KINDS)) {
    // The raw export's NUL-terminated message is the generated one.
    const memory = new Uint8Array(ws.wasm.memory.buffer);
    const start = ws.wasm.wsclose_result_message(result);
    assert.equal(new TextDecoder().decode(memory.subarray(start, memory.indexOf(0, start))), message, kind);
    assert.equal(ws.wasm.wsclose_result_close_code(result), closeCode ?? 0, kind);
  }
  assert.match(ws.version(), /^\d+\.\d+\.\d+/);
});

test('classifyMany: every code in reverse order, an array of numbers, an empty array and a view at an offset', () => {
  const codes = new Uint16Array(0x10000);
  for (let i = 0; i < codes.length; i++) codes[i] = 0xffff - i;
  const categories = ws.classifyMany(codes);
  assert.equal(categories.length, codes.length);
  for (let i = 0; i < codes.length; i++) {
    if (categories[i] !== ws.classify(codes[i])) assert.fail(`classifyMany: code ${codes[i]} -> ${categories[i]}`);
  }
  assert.deepEqual(ws.classifyMany([999, 1000, 5000]), Uint8Array.from([999, 1000, 5000], ws.classify));
  assert.equal(ws.classifyMany(new Uint16Array(0)).length, 0);
  // A view into the middle of a larger array is read from its own offset.
  assert.deepEqual(
    ws.classifyMany(new Uint16Array([0, 0, 3000, 4000, 0]).subarray(2, 4)),
    Uint8Array.of(ws.classify(3000), ws.classify(4000)),
  );
});
