// Bad arguments: TypeError for the wrong type, RangeError for a number that is not a close code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ws from 'wsclose-wasm';

const perCode = [
  ws.classify, ws.isSendable, ws.isLocalOnly, ws.isBrowserCloseable, ws.isOk, ws.reconnect,
  ws.name, ws.constName, ws.description, ws.info,
];

test('non-numbers throw TypeError', () => {
  for (const fn of perCode) {
    for (const bad of ['1000', 1000n, null, undefined, {}, [1000], true]) {
      assert.throws(() => fn(bad), TypeError, `${fn.name}(${String(bad)})`);
    }
  }
  assert.throws(() => ws.encodeClosePayload('1000'), TypeError);
  assert.throws(() => ws.encodeClosePayload(1000, 42), TypeError);
  assert.throws(() => ws.parseClosePayload('\x03\xe8'), TypeError);
  assert.throws(() => ws.parseClosePayload([3, 232]), TypeError);
  assert.throws(() => ws.categoryLabel('4'), TypeError);
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
  assert.throws(() => ws.encodeClosePayload(65536, 'x'), RangeError);
  assert.throws(() => ws.categoryLabel(6), RangeError);
  assert.throws(() => ws.categoryName(-1), RangeError);
});

test('edges of the valid range are accepted', () => {
  assert.equal(ws.classify(0), ws.Category.UNUSED);
  assert.equal(ws.classify(65535), ws.Category.OUT_OF_RANGE);
  assert.equal(ws.classify(-0), ws.Category.UNUSED);
});

test('payload errors carry the code to answer with', () => {
  const cases = [
    [[0x03], 'ONE_BYTE', 1002],
    [new Uint8Array(126).fill(0x61), 'TOO_LONG', 1002],
    [new Uint8Array(100_000).fill(0x61), 'TOO_LONG', 1002],
    [[0x03, 0xee], 'INVALID_CODE', 1002],
    [[0x13, 0x88, 0x61], 'INVALID_CODE', 1002],
    [[0x03, 0xe8, 0xc3, 0x28], 'INVALID_UTF8', 1007],
  ];
  for (const [bytes, kind, closeCode] of cases) {
    assert.throws(() => ws.parseClosePayload(Uint8Array.from(bytes)), (err) => {
      assert.ok(err instanceof ws.ClosePayloadError);
      assert.ok(err instanceof Error);
      assert.equal(err.name, 'ClosePayloadError');
      assert.equal(err.kind, kind);
      assert.equal(err.closeCode, closeCode);
      assert.ok(err.message.includes(kind));
      return true;
    });
  }
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

test('encode: strings become UTF-8, and the lengths count bytes', () => {
  assert.deepEqual(ws.encodeClosePayload(4000, 'é'), Uint8Array.from([0x0f, 0xa0, 0xc3, 0xa9]));
  assert.deepEqual(ws.encodeClosePayload(1000), Uint8Array.from([0x03, 0xe8]));
  assert.equal(ws.encodeClosePayload(1000, 'a'.repeat(123)).length, 125);
  // 62 two-byte characters: 124 bytes, one too many.
  assert.throws(() => ws.encodeClosePayload(1000, 'é'.repeat(62)), { kind: 'REASON_TOO_LONG' });
  assert.throws(() => ws.encodeClosePayload(1000, 'a'.repeat(10_000)), { kind: 'REASON_TOO_LONG' });
  // The code is checked before the reason, as in the core.
  assert.throws(() => ws.encodeClosePayload(1006, 'a'.repeat(10_000)), { kind: 'INVALID_CODE' });
  assert.throws(() => ws.encodeClosePayload(1005), { kind: 'INVALID_CODE' });
  // The result is a copy: encoding again does not change an earlier result.
  const first = ws.encodeClosePayload(1000, 'one');
  ws.encodeClosePayload(3000, 'two');
  assert.deepEqual(first, Uint8Array.from([0x03, 0xe8, 0x6f, 0x6e, 0x65]));
});
