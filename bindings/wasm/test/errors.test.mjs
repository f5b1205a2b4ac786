// Argument conversion (TypeError/RangeError) and PayloadError. The expected kinds, numbers and
// messages come from the module's generated PAYLOAD_ERROR_KINDS, not from a table typed here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ws from 'wsclose-wasm';

const { PAYLOAD_ERROR_KINDS, PayloadError, MAX_CLOSE_PAYLOAD, MAX_REASON_LEN } = ws;

/** An assert.throws validator: a PayloadError of `kind` with the generated facts of that kind. */
function payloadError(kind, code) {
  return (error) => {
    assert.ok(error instanceof PayloadError, String(error));
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'PayloadError');
    assert.equal(error.kind, kind);
    assert.equal(error.result, PAYLOAD_ERROR_KINDS[kind].result);
    assert.equal(error.closeCode, PAYLOAD_ERROR_KINDS[kind].closeCode);
    assert.equal(error.message, PAYLOAD_ERROR_KINDS[kind].message);
    assert.equal(error.code, code);
    return true;
  };
}

const perCode = [
  ws.classify, ws.isSendable, ws.isLocalOnly, ws.isBrowserCloseable, ws.isOk, ws.reconnect,
  ws.name, ws.constName, ws.description, ws.info, (v) => ws.classifyMany([v]),
  (v) => ws.encodeClosePayload(v), (v) => ws.encodeClosePayload(v, 'x'),
];

test('non-numbers throw TypeError', () => {
  for (const fn of perCode) {
    for (const bad of ['1000', 1000n, null, undefined, {}, [1000], true]) {
      assert.throws(() => fn(bad), TypeError, `${fn.name}(${String(bad)})`);
    }
  }
  assert.throws(() => ws.encodeClosePayload(1000, 42), TypeError);
  assert.throws(() => ws.encodeClosePayload(1000, [0x62]), TypeError);
  assert.throws(() => ws.parseClosePayload('\x03\xe8'), TypeError);
  assert.throws(() => ws.parseClosePayload([3, 232]), TypeError);
  assert.throws(() => ws.classifyMany('1000'), TypeError);
  assert.throws(() => ws.categoryLabel('4'), TypeError);
  assert.throws(() => ws.reconnectLabel('never'), TypeError);
});

test('numbers outside 0..65535 or not integers throw RangeError naming the value', () => {
  for (const fn of perCode) {
    for (const bad of [-1, 65536, 70000, 1000.5, NaN, Infinity, -Infinity, 2 ** 32]) {
      assert.throws(() => fn(bad), (err) => {
        assert.ok(err instanceof RangeError, `${fn.name}(${bad})`);
        assert.ok(err.message.includes(String(bad)), err.message);
        return true;
      });
    }
  }
  for (const bad of [-1, 1.5, 2 ** 32, NaN]) {
    assert.throws(() => ws.categoryLabel(bad), RangeError);
    assert.throws(() => ws.reconnectLabel(bad), RangeError);
  }
  assert.throws(() => ws.categoryLabel(0xffffffff), RangeError);
});

test('edges of the valid range are accepted', () => {
  assert.equal(ws.classify(0), ws.Category.UNUSED);
  assert.equal(ws.classify(65535), ws.Category.OUT_OF_RANGE);
  assert.equal(ws.classify(-0), ws.Category.UNUSED);
});

test('parse errors: kind, answer code, carried code, result number and the core message', () => {
  assert.throws(() => ws.parseClosePayload(Uint8Array.of(0x03)), payloadError('ONE_BYTE', null));
  assert.throws(() => ws.parseClosePayload(new Uint8Array(MAX_CLOSE_PAYLOAD + 1).fill(0x61)), payloadError('TOO_LONG', null));
  // Longer than the module's first scratch page: the memory grows, the core still decides.
  assert.throws(() => ws.parseClosePayload(new Uint8Array(100_000).fill(0x61)), payloadError('TOO_LONG', null));
  assert.throws(() => ws.parseClosePayload(Uint8Array.of(0x03, 0xee)), payloadError('INVALID_CODE', 1006));
  assert.throws(() => ws.parseClosePayload(Uint8Array.of(0x00, 0x00)), payloadError('INVALID_CODE', 0));
  assert.throws(() => ws.parseClosePayload(Uint8Array.of(0x13, 0x88, 0x61)), payloadError('INVALID_CODE', 5000));
  assert.throws(() => ws.parseClosePayload(Uint8Array.of(0x03, 0xe8, 0xc3, 0x28)), payloadError('INVALID_UTF8', 1000));
});

test('parse accepts any byte view and never reads stale bytes', () => {
  const backing = new Uint8Array([0xff, 0x03, 0xe9, 0x62, 0x79, 0x65, 0xff]);
  assert.deepEqual({ ...ws.parseClosePayload(backing.subarray(1, 6)) }, { code: 1001, reason: 'bye' });
  assert.deepEqual({ ...ws.parseClosePayload(new DataView(backing.buffer, 1, 2)) }, { code: 1001, reason: '' });
  assert.deepEqual({ ...ws.parseClosePayload(new ArrayBuffer(0)) }, { code: 1005, reason: '' });
  // After a long reason, a short payload must not pick up its tail.
  ws.parseClosePayload(Uint8Array.from([0x03, 0xe8, ...new Uint8Array(100).fill(0x78)]));
  assert.equal(ws.parseClosePayload(Uint8Array.from([0x0f, 0xa0, 0x41])).reason, 'A');
});

test('encode is strict: a lone surrogate is INVALID_UTF8, and the code is checked first', () => {
  assert.throws(() => ws.encodeClosePayload(1000, 'a\uD800b'), payloadError('INVALID_UTF8', 1000));
  assert.throws(() => ws.encodeClosePayload(1000, '\uDC00'), payloadError('INVALID_UTF8', 1000));
  assert.throws(() => ws.encodeClosePayload(1006, 'a\uD800b'), payloadError('INVALID_CODE', 1006));
  assert.throws(() => ws.encodeClosePayload(1000, Uint8Array.of(0xff)), payloadError('INVALID_UTF8', 1000));
  assert.throws(() => ws.encodeClosePayload(1004, Uint8Array.of(0xff)), payloadError('INVALID_CODE', 1004));
  assert.deepEqual(ws.encodeClosePayload(4000, '\uD83D\uDE00'), Uint8Array.of(0x0f, 0xa0, 0xf0, 0x9f, 0x98, 0x80));
});

test('encode: lengths count UTF-8 bytes, checked by the core', () => {
  assert.deepEqual(ws.encodeClosePayload(4000, 'é'), Uint8Array.of(0x0f, 0xa0, 0xc3, 0xa9));
  assert.deepEqual(ws.encodeClosePayload(1000), Uint8Array.of(0x03, 0xe8));
  assert.equal(ws.encodeClosePayload(1000, 'a'.repeat(MAX_REASON_LEN)).length, MAX_CLOSE_PAYLOAD);
  assert.equal(ws.encodeClosePayload(1000, new Uint8Array(MAX_REASON_LEN).fill(0x61)).length, MAX_CLOSE_PAYLOAD);
  assert.throws(() => ws.encodeClosePayload(1000, 'é'.repeat((MAX_REASON_LEN + 1) / 2)), payloadError('REASON_TOO_LONG', 1000));
  assert.throws(() => ws.encodeClosePayload(1000, 'a'.repeat(100_000)), payloadError('REASON_TOO_LONG', 1000));
  assert.throws(() => ws.encodeClosePayload(1000, new Uint8Array(100_000)), payloadError('REASON_TOO_LONG', 1000));
  // The core checks the length before the code.
  assert.throws(() => ws.encodeClosePayload(1006, 'a'.repeat(10_000)), payloadError('REASON_TOO_LONG', 1006));
  assert.throws(() => ws.encodeClosePayload(1005), payloadError('INVALID_CODE', 1005));
  // The result is a copy: encoding again does not change an earlier result.
  const first = ws.encodeClosePayload(1000, 'one');
  ws.encodeClosePayload(3000, 'two');
  assert.deepEqual(first, Uint8Array.of(0x03, 0xe8, 0x6f, 0x6e, 0x65));
});
