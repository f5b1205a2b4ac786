'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const wsclose = require('wsclose');
const { rules } = require('./helpers.js');

test('every code 0..65535: classify and info follow the rules', () => {
  for (let code = 0; code <= 0xffff; code++) {
    const category = wsclose.classify(code);
    if (category !== rules.category(code)) {
      assert.fail(`classify(${code}) = ${category}, want ${rules.category(code)}`);
    }
    const info = wsclose.info(code);
    const want = {
      code,
      category: rules.category(code),
      reconnect: rules.reconnect(code),
      sendable: rules.sendable(code),
      localOnly: rules.localOnly(code),
      browserCloseable: rules.browserCloseable(code),
      ok: rules.ok(code),
      name: rules.names.get(code) ?? null,
    };
    for (const [key, value] of Object.entries(want)) {
      if (info[key] !== value) {
        assert.fail(`info(${code}).${key} = ${info[key]}, want ${value}`);
      }
    }
    if (typeof info.description !== 'string' || info.description.length === 0) {
      assert.fail(`info(${code}).description is empty`);
    }
  }
});

test('every code 0..65535: classifyMany follows the rules, in order', () => {
  const codes = new Uint16Array(0x10000);
  for (let i = 0; i < codes.length; i++) codes[i] = 0xffff - i;
  const categories = wsclose.classifyMany(codes);
  assert.equal(categories.length, codes.length);
  for (let i = 0; i < codes.length; i++) {
    if (categories[i] !== rules.category(codes[i])) {
      assert.fail(`classifyMany: code ${codes[i]} -> ${categories[i]}`);
    }
  }
  assert.deepEqual(wsclose.classifyMany([999, 1000, 5000]), new Uint8Array([0, 1, 5]));
  assert.equal(wsclose.classifyMany(new Uint16Array(0)).length, 0);
  // A view into the middle of a larger array is read from its own offset.
  assert.deepEqual(wsclose.classifyMany(new Uint16Array([0, 0, 3000, 4000, 0]).subarray(2, 4)), new Uint8Array([3, 4]));
});

test('every code 0..65535: a two-byte payload parses exactly when the code is sendable', () => {
  for (let code = 0; code <= 0xffff; code++) {
    const payload = new Uint8Array([code >> 8, code & 0xff]);
    if (rules.sendable(code)) {
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
          if (!(error instanceof wsclose.PayloadError) || error.kind !== 'INVALID_CODE' || error.closeCode !== 1002) {
            throw error;
          }
        }
      }
    }
  }
});

test('the Category and Reconnect enums have the C numbers and the library labels', () => {
  assert.deepEqual(
    [wsclose.Category.Unused, wsclose.Category.Standard, wsclose.Category.Reserved,
      wsclose.Category.Registered, wsclose.Category.Private, wsclose.Category.OutOfRange],
    [0, 1, 2, 3, 4, 5],
  );
  assert.deepEqual([wsclose.Reconnect.Never, wsclose.Reconnect.Backoff, wsclose.Reconnect.AppDefined], [0, 1, 2]);
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map(wsclose.categoryName),
    ['unused', 'standard', 'reserved', 'registered', 'private use', 'out of range'],
  );
  assert.throws(() => wsclose.categoryName(6), RangeError);
  assert.deepEqual([0, 1, 2].map(wsclose.reconnectName), ['never', 'backoff', 'app-defined']);
  for (const bad of [3, 0xffffffff, 2 ** 32, -1, 1.5]) {
    assert.throws(() => wsclose.reconnectName(bad), RangeError);
  }
  assert.throws(() => wsclose.reconnectName('never'), TypeError);
  assert.match(wsclose.libraryVersion(), /^\d+\.\d+\.\d+/);
});
