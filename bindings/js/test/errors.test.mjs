// Argument conversion (TypeError/RangeError) and PayloadError. The expected kinds, numbers and
// messages come from the package's generated PAYLOAD_ERROR_KINDS, not from a table typed here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as wsclose from 'wsclose';

const { PAYLOAD_ERROR_KINDS, PayloadError, MAX_CLOSE_PAYLOAD, MAX_REASON_LEN } = wsclose;

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
  const calls = [
    wsclose.classify, wsclose.info, wsclose.isSendable, wsclose.isLocalOnly, wsclose.isBrowserCloseable,
    wsclose.isOk, wsclose.reconnect, wsclose.name, wsclose.constName, wsclose.description,
    (v) => wsclose.encodeClosePayload(v), (v) => wsclose.encodeClosePayload(v, 'x'), (v) => wsclose.classifyMany([v]),
  ];
  for (const [value, ErrorType, message] of cases) {
    for (const call of calls) {
      // info() takes a close event, `{ code, reason?, wasClean? }` (test/reconnect.test.mjs).
      if (call === wsclose.info && typeof value === 'object' && value !== null) continue;
      assert.throws(() => call(value), (error) => error instanceof ErrorType && message.test(error.message), String(value));
    }
  }
  for (const [value, ErrorType, message] of cases.filter(([value]) => typeof value !== 'object' || value === null)) {
    assert.throws(() => wsclose.info({ code: value }), (error) => error instanceof ErrorType && message.test(error.message), String(value));
  }
  assert.equal(wsclose.classify(0), wsclose.Category.UNUSED);
  assert.equal(wsclose.classify(65535), wsclose.Category.OUT_OF_RANGE);
  assert.throws(() => wsclose.parseClosePayload('03e8'), TypeError);
  assert.throws(() => wsclose.parseClosePayload([3, 232]), TypeError);
  assert.throws(() => wsclose.encodeClosePayload(1000, 42), TypeError);
  assert.throws(() => wsclose.encodeClosePayload(1000, [0x62]), TypeError);
  assert.throws(() => wsclose.classifyMany('1000'), TypeError);
  assert.throws(() => wsclose.categoryLabel('4'), TypeError);
  assert.throws(() => wsclose.reconnectLabel('never'), TypeError);
  for (const bad of [-1, 1.5, 2 ** 32, NaN]) {
    assert.throws(() => wsclose.categoryLabel(bad), RangeError);
    assert.throws(() => wsclose.reconnectLabel(bad), RangeError);
  }
});

test('labels: the library has one for each generated number and none past them', () => {
  const categories = Object.values(wsclose.Category);
  assert.deepEqual(categories.map(wsclose.categoryLabel), [...wsclose.CATEGORY_LABELS]);
  assert.throws(() => wsclose.categoryLabel(Math.max(...categories) + 1), RangeError);
  assert.throws(() => wsclose.categoryLabel(0xffffffff), RangeError);
  const advice = Object.values(wsclose.Reconnect);
  assert.deepEqual(advice.map(wsclose.reconnectLabel), [...wsclose.RECONNECT_LABELS]);
  assert.throws(() => wsclose.reconnectLabel(Math.max(...advice) + 1), RangeError);
  assert.match(wsclose.version(), /^\d+\.\d+\.\d+/);
});

test('parse errors: kind, answer code, carried code, result number and the core message', () => {
  const many = new Uint8Array(MAX_CLOSE_PAYLOAD + 1).fill(0x61);
  assert.throws(() => wsclose.parseClosePayload(Uint8Array.of(0x03)), payloadError('ONE_BYTE', null));
  assert.throws(() => wsclose.parseClosePayload(many), payloadError('TOO_LONG', null));
  assert.throws(() => wsclose.parseClosePayload(new Uint8Array(100_000)), payloadError('TOO_LONG', null));
  assert.throws(() => wsclose.parseClosePayload(Uint8Array.of(0x03, 0xed)), payloadError('INVALID_CODE', 1005));
  // Code 0 is carried too: not the same as "no code".
  assert.throws(() => wsclose.parseClosePayload(Uint8Array.of(0x00, 0x00)), payloadError('INVALID_CODE', 0));
  assert.throws(() => wsclose.parseClosePayload(Uint8Array.of(0x03, 0xe8, 0x6f, 0xc3)), payloadError('INVALID_UTF8', 1000));
});

test('encode is strict: a lone surrogate is INVALID_UTF8, and the code is checked first', () => {
  assert.throws(() => wsclose.encodeClosePayload(1000, 'a\uD800b'), payloadError('INVALID_UTF8', 1000));
  assert.throws(() => wsclose.encodeClosePayload(1000, '\uDC00'), payloadError('INVALID_UTF8', 1000));
  assert.throws(() => wsclose.encodeClosePayload(1006, 'a\uD800b'), payloadError('INVALID_CODE', 1006));
  assert.throws(() => wsclose.encodeClosePayload(1000, Uint8Array.of(0xff)), payloadError('INVALID_UTF8', 1000));
  // A paired surrogate is one character.
  assert.deepEqual(wsclose.encodeClosePayload(4000, '\uD83D\uDE00'), Uint8Array.of(0x0f, 0xa0, 0xf0, 0x9f, 0x98, 0x80));
});

test('payload limits: the longest reason round-trips, one byte more is refused', () => {
  const reason = 'é'.repeat((MAX_REASON_LEN - 1) / 2) + 'x';
  const payload = wsclose.encodeClosePayload(1000, reason);
  assert.equal(payload.length, MAX_CLOSE_PAYLOAD);
  assert.deepEqual(wsclose.parseClosePayload(payload), { code: 1000, reason });
  // The reason of a payload that is a view into a larger buffer.
  const big = new Uint8Array(200);
  big.set(payload, 50);
  assert.deepEqual(wsclose.parseClosePayload(big.subarray(50, 50 + payload.length)), { code: 1000, reason });
  assert.throws(() => wsclose.encodeClosePayload(1000, reason + 'y'), payloadError('REASON_TOO_LONG', 1000));
  assert.throws(() => wsclose.encodeClosePayload(1000, 'a'.repeat(100_000)), payloadError('REASON_TOO_LONG', 1000));
  // Lengths count UTF-8 bytes, a lone surrogate as 3, and length comes before UTF-8.
  assert.throws(() => wsclose.encodeClosePayload(1000, '\uD800'.repeat(41) + 'x'), payloadError('REASON_TOO_LONG', 1000));
  assert.deepEqual(wsclose.parseClosePayload(new Uint8Array(0)), { code: 1005, reason: '' });
  assert.deepEqual(wsclose.encodeClosePayload(4000), Uint8Array.of(0x0f, 0xa0));
  assert.deepEqual(wsclose.encodeClosePayload(4000, new Uint8Array(0)), Uint8Array.of(0x0f, 0xa0));
});

test('edges of the valid range are accepted', () => {
  assert.equal(wsclose.classify(0), wsclose.Category.UNUSED);
  assert.equal(wsclose.classify(65535), wsclose.Category.OUT_OF_RANGE);
  assert.equal(wsclose.classify(-0), wsclose.Category.UNUSED);
});

test('parse accepts any byte view and never reads stale bytes', () => {
  const backing = new Uint8Array([0xff, 0x03, 0xe9, 0x62, 0x79, 0x65, 0xff]);
  assert.deepEqual({ ...wsclose.parseClosePayload(backing.subarray(1, 6)) }, { code: 1001, reason: 'bye' });
  assert.deepEqual({ ...wsclose.parseClosePayload(new DataView(backing.buffer, 1, 2)) }, { code: 1001, reason: '' });
  assert.deepEqual({ ...wsclose.parseClosePayload(new ArrayBuffer(0)) }, { code: 1005, reason: '' });
  // After a long reason, a short payload must not pick up its tail.
  wsclose.parseClosePayload(Uint8Array.from([0x03, 0xe8, ...new Uint8Array(100).fill(0x78)]));
  assert.equal(wsclose.parseClosePayload(Uint8Array.from([0x0f, 0xa0, 0x41])).reason, 'A');
});

test('encode: lengths count UTF-8 bytes, checked by the core', () => {
  assert.deepEqual(wsclose.encodeClosePayload(4000, 'é'), Uint8Array.of(0x0f, 0xa0, 0xc3, 0xa9));
  assert.deepEqual(wsclose.encodeClosePayload(1000), Uint8Array.of(0x03, 0xe8));
  assert.equal(wsclose.encodeClosePayload(1000, 'a'.repeat(MAX_REASON_LEN)).length, MAX_CLOSE_PAYLOAD);
  assert.equal(wsclose.encodeClosePayload(1000, new Uint8Array(MAX_REASON_LEN).fill(0x61)).length, MAX_CLOSE_PAYLOAD);
  assert.throws(() => wsclose.encodeClosePayload(1000, 'é'.repeat((MAX_REASON_LEN + 1) / 2)), payloadError('REASON_TOO_LONG', 1000));
  assert.throws(() => wsclose.encodeClosePayload(1000, 'a'.repeat(100_000)), payloadError('REASON_TOO_LONG', 1000));
  assert.throws(() => wsclose.encodeClosePayload(1000, new Uint8Array(100_000)), payloadError('REASON_TOO_LONG', 1000));
  // The core checks the length before the code.
  assert.throws(() => wsclose.encodeClosePayload(1006, 'a'.repeat(10_000)), payloadError('REASON_TOO_LONG', 1006));
  assert.throws(() => wsclose.encodeClosePayload(1005), payloadError('INVALID_CODE', 1005));
  // The result is a copy: encoding again does not change an earlier result.
  const first = wsclose.encodeClosePayload(1000, 'one');
  wsclose.encodeClosePayload(3000, 'two');
  assert.deepEqual(first, Uint8Array.of(0x03, 0xe8, 0x6f, 0x6e, 0x65));
});

test('an input longer than any the core accepts is answered as the core answers it, without growing memory', () => {
  const huge = 'x'.repeat(5e7);
  const hugeBytes = new Uint8Array(5e7).fill(0x78);
  // The answers of a short input over each limit (copied whole), before measuring.
  const over = 'x'.repeat(MAX_REASON_LEN + 1);
  const expected = {
    page: (() => { try { wsclose.pageClose(0, 1000, over); } catch (e) { return [e.name, e.message]; } })(),
    encode16: (() => { try { wsclose.encodeClosePayload(1000, over); } catch (e) { return [e.kind, e.code]; } })(),
  };
  assert.equal(expected.page[0], 'SyntaxError');
  assert.equal(expected.encode16[0], 'REASON_TOO_LONG');
  const before = wsclose.wasm.memory.buffer.byteLength;
  for (const engine of Object.values(wsclose.Engine)) {
    assert.throws(() => wsclose.pageClose(engine, 1000, huge), (e) => e.name === expected.page[0] && e.message === expected.page[1]);
    // The code is checked before the reason's length, as for a short reason.
    assert.throws(() => wsclose.pageClose(engine, 1005, huge), (e) => e.name === 'InvalidAccessError');
    assert.throws(() => wsclose.pageClose(engine, 1000, '\ud83d\ude00'.repeat(2.5e7)), (e) => e.name === 'SyntaxError');
    assert.equal(wsclose.closeEvent(engine, hugeBytes).code, wsclose.closeEvent(engine, hugeBytes.subarray(0, MAX_CLOSE_PAYLOAD + 1)).code);
  }
  assert.throws(() => wsclose.encodeClosePayload(1000, huge), payloadError('REASON_TOO_LONG', 1000));
  assert.throws(() => wsclose.encodeClosePayload(1005, huge), payloadError('REASON_TOO_LONG', 1005));
  assert.throws(() => wsclose.encodeClosePayload(1000, '\ud800'.repeat(5e7)), payloadError('REASON_TOO_LONG', 1000));
  assert.throws(() => wsclose.encodeClosePayload(1000, hugeBytes), payloadError('REASON_TOO_LONG', 1000));
  assert.throws(() => wsclose.parseClosePayload(hugeBytes), payloadError('TOO_LONG', null));
  assert.equal(wsclose.profileByName(huge), null);
  assert.equal(wsclose.profileBySubprotocol(huge), null);
  assert.equal(wsclose.profileByName(`discord-gateway${'x'.repeat(5e7)}`), null);
  const codes = new Uint16Array(5e6).fill(1006);
  const categories = wsclose.classifyMany(codes);
  assert.equal(categories.length, codes.length);
  assert.ok(categories.every((c) => c === wsclose.classify(1006)));
  assert.equal(wsclose.wasm.memory.buffer.byteLength, before);
});
