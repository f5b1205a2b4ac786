// explain and the browser model: all 65,536 codes where it is cheap, every payload of the golden
// vectors, and the documented behaviour of both engines (docs/browser.md). The full answers are
// compared with the core by the differential (make diff-node).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as w from 'wsclose';
import { hex, readVectors } from './helpers.mjs';

const ENGINES = Object.values(w.Engine);
const CAUSE_NAME = new Map(Object.entries(w.Cause).map(([name, number]) => [number, name]));

test('explain: every code × wasClean unknown/false/true names known causes, with texts', () => {
  for (let code = 0; code <= 0xffff; code++) {
    for (const wasClean of [null, false, true]) {
      const why = w.explain(code, wasClean);
      if (why.code !== code || why.wasClean !== wasClean || why.causes.length === 0) {
        assert.fail(`explain(${code}, ${wasClean}) = ${JSON.stringify(why)}`);
      }
      const seen = new Set();
      for (const cause of why.causes) {
        if (CAUSE_NAME.get(cause.cause) !== cause.constName || !cause.summary || !cause.check || seen.has(cause.cause)) {
          assert.fail(`explain(${code}, ${wasClean}): ${JSON.stringify(cause)}`);
        }
        seen.add(cause.cause);
      }
    }
  }
  assert.deepEqual(w.explain(1000), w.explain(1000, null));
});

test('explain: documented examples; every generated cause is reachable', () => {
  const names = (code, clean) => w.explain(code, clean).causes.map((c) => c.constName);
  assert.deepEqual(names(4000, true), ['PEER_CLOSED']);
  assert.deepEqual(names(w.CloseCode.ABNORMAL_CLOSURE, true), ['LOCAL_ONLY_CODE_SENT']);
  assert.deepEqual(names(1004, null), ['INVALID_CODE_SENT']);
  assert.equal(names(w.CloseCode.ABNORMAL_CLOSURE, false)[0], 'CONNECTION_DROPPED');
  const reached = new Set();
  for (let code = 0; code <= 0xffff; code++) {
    for (const clean of [null, false, true]) for (const c of w.explain(code, clean).causes) reached.add(c.constName);
  }
  assert.deepEqual([...reached].sort(), Object.keys(w.Cause).sort());
  assert.throws(() => w.explain(1006, 0), TypeError);
  assert.throws(() => w.explain(70000), RangeError);
});

test('closeEvent: a dropped connection is 1006, not clean, no error event, no reply (both engines)', () => {
  for (const engine of ENGINES) {
    assert.deepEqual(w.closeEvent(engine, null), {
      code: w.CloseCode.ABNORMAL_CLOSURE, reason: '', wasClean: false, errorFired: false, reply: null,
    });
  }
});

test('resetEvent: a reset connection is 1006, not clean, no reply; Firefox alone fires error', () => {
  assert.deepEqual(ENGINES.length, 2);
  for (const engine of ENGINES) {
    assert.deepEqual(w.resetEvent(engine), {
      code: w.CloseCode.ABNORMAL_CLOSURE, reason: '', wasClean: false,
      errorFired: engine === w.Engine.FIREFOX, reply: null,
    });
  }
  assert.throws(() => w.resetEvent(7), RangeError);
  assert.throws(() => w.resetEvent('firefox'), TypeError);
});

test('closeEvent: every parse vector; what the RFC accepts is a clean close with its code and reason', () => {
  const rows = readVectors('parse.tsv');
  for (const row of rows) {
    const payload = hex(row.payload_hex);
    let close = null;
    try {
      close = w.parseClosePayload(payload);
    } catch (error) {
      if (!(error instanceof w.PayloadError)) throw error;
    }
    for (const engine of ENGINES) {
      const event = w.closeEvent(engine, payload);
      assert.ok(Object.isFrozen(event));
      if (close !== null) {
        assert.equal(event.code, close.code, row.payload_hex);
        assert.equal(event.reason, close.reason, row.payload_hex);
        assert.equal(event.wasClean, true);
        assert.equal(event.errorFired, false);
        assert.ok(event.reply !== null, 'a clean close is answered with a Close');
      } else if (!event.wasClean) {
        // The browser failed the connection: 1006 after an error event.
        assert.equal(event.code, w.CloseCode.ABNORMAL_CLOSURE, row.payload_hex);
        assert.equal(event.errorFired, true);
        assert.equal(event.reason, '');
      }
    }
  }
});

test('closeEvent: Chromium echoes code and reason; an empty payload is 1005 with an empty Close', () => {
  const payload = w.encodeClosePayload(4000, 'bye ✓');
  for (const engine of ENGINES) {
    assert.deepEqual(w.closeEvent(engine, payload), {
      code: 4000, reason: 'bye ✓', wasClean: true, errorFired: false, reply: { code: 4000, reason: 'bye ✓' },
    });
    assert.deepEqual(w.closeEvent(engine, new Uint8Array(0)), {
      code: w.CloseCode.NO_STATUS_RECEIVED, reason: '', wasClean: true, errorFired: false, reply: { code: null, reason: '' },
    });
  }
  // A reason that is not UTF-8: Chromium answers 1002 with its own reason, Firefox closes TCP.
  const bad = Uint8Array.of(0x03, 0xe8, 0xed, 0xa0, 0x80);
  const chromium = w.closeEvent(w.Engine.CHROMIUM, bad);
  assert.equal(chromium.reply.code, w.CloseCode.PROTOCOL_ERROR);
  assert.ok(chromium.reply.reason.length > 0);
  assert.equal(w.closeEvent(w.Engine.FIREFOX, bad).reply, null);
  assert.throws(() => w.closeEvent(w.Engine.CHROMIUM, [3, 232]), TypeError);
  assert.throws(() => w.closeEvent(ENGINES.length, null), RangeError);
  assert.throws(() => w.closeEvent('chromium', null), TypeError);
});

test('pageClose: every integer code; exactly the browser-closeable ones pass, others InvalidAccessError', () => {
  for (const engine of ENGINES) {
    for (let code = 0; code <= 0xffff; code++) {
      let sent = null;
      let name = null;
      try {
        sent = w.pageClose(engine, code);
      } catch (error) {
        if (!(error instanceof DOMException)) throw error;
        name = error.name;
      }
      const closeable = w.isBrowserCloseable(code);
      if (closeable ? sent?.code !== code || sent.reason !== '' : name !== 'InvalidAccessError') {
        assert.fail(`${w.ENGINE_NAMES[engine]} close(${code}): ${JSON.stringify(sent)} ${name}`);
      }
    }
  }
});

test('pageClose: the thrown errors are DOMExceptions whose message is the library text for their name', () => {
  const cases = [
    [() => w.pageClose(w.Engine.CHROMIUM, 999), 'InvalidAccessError', DOMException.INVALID_ACCESS_ERR],
    [() => w.pageClose(w.Engine.FIREFOX, 1000, 'a'.repeat(w.MAX_REASON_LEN + 1)), 'SyntaxError', DOMException.SYNTAX_ERR],
  ];
  for (const [call, name, legacyCode] of cases) {
    assert.throws(call, (error) => {
      assert.ok(error instanceof DOMException);
      assert.equal(error.name, name);
      assert.equal(error.code, legacyCode);
      assert.ok(error.message.startsWith(name), error.message);
      return true;
    });
  }
  // The code is checked first.
  assert.throws(() => w.pageClose(w.Engine.CHROMIUM, 5000, 'a'.repeat(200)), { name: 'InvalidAccessError' });
});

test('pageClose: documented conversions of codes and reasons', () => {
  const { CHROMIUM, FIREFOX } = w.Engine;
  const sent = (engine, code, reason) => w.pageClose(engine, code, reason);
  const thrown = (engine, code, reason) => {
    try {
      w.pageClose(engine, code, reason);
    } catch (error) {
      return error.name;
    }
    return null;
  };
  for (const engine of ENGINES) {
    assert.deepEqual(sent(engine), { code: null, reason: '' });
    assert.deepEqual(sent(engine, undefined), { code: null, reason: '' });
    assert.deepEqual(sent(engine, 1000, 'a'.repeat(w.MAX_REASON_LEN)), { code: 1000, reason: 'a'.repeat(w.MAX_REASON_LEN) });
    // USVString: a lone surrogate becomes U+FFFD (3 bytes) before the count; a pair is 4 bytes.
    assert.deepEqual(sent(engine, 4000, 'x\ud800y'), { code: 4000, reason: 'x\ufffdy' });
    assert.deepEqual(sent(engine, 4000, '\ud83d\ude00'), { code: 4000, reason: '\ud83d\ude00' });
    assert.equal(sent(engine, 4000, '\ud800'.repeat(41)).reason, '\ufffd'.repeat(41));
    assert.equal(thrown(engine, 4000, '\ud800'.repeat(42)), 'SyntaxError');
    for (const code of [NaN, Infinity, -Infinity, -0, null, true, -1000, 65536 + 1000, 2 ** 32 + 1000]) {
      assert.equal(thrown(engine, code), 'InvalidAccessError', String(code));
    }
    assert.throws(() => w.pageClose(engine, 1000n), TypeError, 'ToNumber throws for a BigInt, as in a browser');
  }
  assert.deepEqual(sent(FIREFOX, 999.5), { code: 1000, reason: '' });
  assert.equal(thrown(FIREFOX, 1000.6), 'InvalidAccessError');
  assert.equal(thrown(FIREFOX, 4999.6), 'InvalidAccessError');
  assert.equal(sent(FIREFOX, '4000.7').code, 4001);
  assert.equal(thrown(CHROMIUM, 999.6), 'InvalidAccessError');
  assert.equal(sent(CHROMIUM, 4999.6).code, 4999);
  assert.equal(sent(CHROMIUM, '4000.7').code, 4000);
  // A reason without a code: Chromium converts the missing code like undefined (to 0) and throws.
  assert.equal(thrown(CHROMIUM, undefined, 'bye'), 'InvalidAccessError');
  assert.equal(sent(w.Engine.FIREFOX, 3000, { toString: () => 'obj' }).reason, 'obj');
});
