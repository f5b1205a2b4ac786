'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const wsclose = require('wsclose');

test('bad codes throw TypeError or RangeError naming the value', () => {
  const cases = [
    ['1000', TypeError, /'1000'/],
    [null, TypeError, /null/],
    [undefined, TypeError, /undefined/],
    [1000n, TypeError, /1000n/],
    [{ code: 1000 }, TypeError, /code: 1000/],
    [Symbol('c'), TypeError, /Symbol\(c\)/],
    [-1, RangeError, /-1/],
    [65536, RangeError, /65536/],
    [1000.5, RangeError, /1000\.5/],
    [NaN, RangeError, /NaN/],
    [Infinity, RangeError, /Infinity/],
  ];
  for (const [value, ErrorType, message] of cases) {
    for (const call of [wsclose.classify, wsclose.info, (v) => wsclose.encodeClosePayload(v), (v) => wsclose.classifyMany([v])]) {
      assert.throws(() => call(value), (error) => error instanceof ErrorType && message.test(error.message), String(value));
    }
  }
  assert.equal(wsclose.classify(0), wsclose.Category.Unused);
  assert.equal(wsclose.classify(65535), wsclose.Category.OutOfRange);
  assert.throws(() => wsclose.parseClosePayload('03e8'), TypeError);
  assert.throws(() => wsclose.parseClosePayload([3, 232]), TypeError);
  assert.throws(() => wsclose.encodeClosePayload(1000, 42), TypeError);
  assert.throws(() => wsclose.classifyMany('1000'), TypeError);
});

test('PayloadError carries the kind and the code to close with', () => {
  const cases = [
    [[0x03], 'ONE_BYTE', 1002],
    [[0x03, 0xe8, ...new Array(124).fill(0x61)], 'TOO_LONG', 1002],
    [[0x03, 0xed], 'INVALID_CODE', 1002],
    [[0x03, 0xe8, 0x6f, 0xc3], 'INVALID_UTF8', 1007],
  ];
  for (const [bytes, kind, closeCode] of cases) {
    assert.throws(
      () => wsclose.parseClosePayload(new Uint8Array(bytes)),
      (error) => {
        assert.ok(error instanceof wsclose.PayloadError);
        assert.ok(error instanceof Error);
        assert.equal(error.name, 'PayloadError');
        assert.equal(error.kind, kind);
        assert.equal(error.closeCode, closeCode);
        assert.ok(error.message.length > 10);
        return true;
      },
    );
  }
});

test('payload limits: 125 bytes round-trip, one more is refused', () => {
  const reason = 'é'.repeat(61) + 'x'; // 123 bytes of UTF-8
  const payload = wsclose.encodeClosePayload(1000, reason);
  assert.equal(payload.length, wsclose.MAX_CLOSE_PAYLOAD);
  assert.deepEqual(wsclose.parseClosePayload(payload), { code: 1000, reason });
  // The reason of a payload that is a view into a larger buffer.
  const big = new Uint8Array(200);
  big.set(payload, 50);
  assert.deepEqual(wsclose.parseClosePayload(big.subarray(50, 50 + payload.length)), { code: 1000, reason });
  assert.throws(() => wsclose.encodeClosePayload(1000, reason + 'y'), (e) => e.kind === 'REASON_TOO_LONG' && e.closeCode === 0);
  assert.throws(() => wsclose.encodeClosePayload(1000, 'a\uD800b'), (e) => e.kind === 'INVALID_UTF8' && e.closeCode === 1007);
  assert.deepEqual(wsclose.parseClosePayload(new Uint8Array(0)), { code: 1005, reason: '' });
  assert.deepEqual(wsclose.encodeClosePayload(4000), new Uint8Array([0x0f, 0xa0]));
});
