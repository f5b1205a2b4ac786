'use strict';
// All 65,536 codes through every entry point of the package. The answers themselves are compared
// with the core by the differential (make diff-node); here the entry points must agree with each
// other and with the generated constants, so no rule is typed out in this file.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const wsclose = require('wsclose');

const CATEGORIES = new Set(Object.values(wsclose.Category));
const ADVICE = new Set(Object.values(wsclose.Reconnect));

test('every code 0..65535: info agrees with classify and the per-code functions', () => {
  for (let code = 0; code <= 0xffff; code++) {
    const info = wsclose.info(code);
    const direct = {
      code,
      category: wsclose.classify(code),
      reconnect: wsclose.reconnect(code),
      sendable: wsclose.isSendable(code),
      localOnly: wsclose.isLocalOnly(code),
      browserCloseable: wsclose.isBrowserCloseable(code),
      ok: wsclose.isOk(code),
      name: wsclose.name(code),
      description: wsclose.description(code),
    };
    for (const [key, value] of Object.entries(direct)) {
      if (info[key] !== value) assert.fail(`info(${code}).${key} = ${info[key]}, ${key}(${code}) = ${value}`);
    }
    if (!CATEGORIES.has(info.category) || !ADVICE.has(info.reconnect) || info.description.length === 0) {
      assert.fail(`info(${code}) = ${JSON.stringify(info)}`);
    }
    // A name and a constant name come together.
    if ((info.name === null) !== (wsclose.constName(code) === null)) assert.fail(`code ${code}: name vs constName`);
  }
});

test('the generated CloseCode constants are the codes the library names that way', () => {
  const entries = Object.entries(wsclose.CloseCode);
  assert.equal(entries.length, 16);
  for (const [constName, code] of entries) {
    assert.equal(wsclose.constName(code), constName);
    assert.equal(wsclose.classify(code), wsclose.Category.STANDARD);
  }
});

test('every code 0..65535: classifyMany agrees with classify, in order', () => {
  const codes = new Uint16Array(0x10000);
  for (let i = 0; i < codes.length; i++) codes[i] = 0xffff - i;
  const categories = wsclose.classifyMany(codes);
  assert.equal(categories.length, codes.length);
  for (let i = 0; i < codes.length; i++) {
    if (categories[i] !== wsclose.classify(codes[i])) assert.fail(`classifyMany: code ${codes[i]} -> ${categories[i]}`);
  }
  assert.deepEqual(wsclose.classifyMany([999, 1000, 5000]), Uint8Array.from([999, 1000, 5000], wsclose.classify));
  assert.equal(wsclose.classifyMany(new Uint16Array(0)).length, 0);
  // A view into the middle of a larger array is read from its own offset.
  assert.deepEqual(
    wsclose.classifyMany(new Uint16Array([0, 0, 3000, 4000, 0]).subarray(2, 4)),
    Uint8Array.of(wsclose.classify(3000), wsclose.classify(4000)),
  );
});

test('every code 0..65535: a two-byte payload parses, and the code encodes, exactly when it is sendable', () => {
  for (let code = 0; code <= 0xffff; code++) {
    const payload = Uint8Array.of(code >> 8, code & 0xff);
    if (wsclose.isSendable(code)) {
      const close = wsclose.parseClosePayload(payload);
      if (close.code !== code || close.reason !== '') assert.fail(`parse ${code}: ${JSON.stringify(close)}`);
      const encoded = wsclose.encodeClosePayload(code, 'x');
      if (encoded.length !== 3 || encoded[0] !== payload[0] || encoded[1] !== payload[1] || encoded[2] !== 0x78) {
        assert.fail(`encode ${code}: ${encoded}`);
      }
    } else {
      for (const call of [() => wsclose.parseClosePayload(payload), () => wsclose.encodeClosePayload(code)]) {
        try {
          call();
          assert.fail(`code ${code} was accepted`);
        } catch (error) {
          if (!(error instanceof wsclose.PayloadError) || error.kind !== 'INVALID_CODE' || error.code !== code) {
            throw error;
          }
        }
      }
    }
  }
});
