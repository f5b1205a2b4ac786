// All 65,536 codes against the rules written out here, independently of the module's table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ws from 'wsclose-wasm';

const between = (code, low, high) => code >= low && code <= high;

function expectedCategory(code) {
  if (code <= 999) return 0;
  if (code <= 1015) return 1;
  if (code <= 2999) return 2;
  if (code <= 3999) return 3;
  if (code <= 4999) return 4;
  return 5;
}

const NAMES = [
  'Normal Closure', 'Going Away', 'Protocol Error', 'Unsupported Data', 'Reserved',
  'No Status Received', 'Abnormal Closure', 'Invalid Frame Payload Data', 'Policy Violation',
  'Message Too Big', 'Mandatory Extension', 'Internal Error', 'Service Restart',
  'Try Again Later', 'Bad Gateway', 'TLS Handshake',
];

const expected = (code) => ({
  code,
  category: expectedCategory(code),
  name: between(code, 1000, 1015) ? NAMES[code - 1000] : null,
  sendable: between(code, 1000, 1003) || between(code, 1007, 1014) || between(code, 3000, 4999),
  localOnly: code === 1005 || code === 1006 || code === 1015,
  browserCloseable: code === 1000 || between(code, 3000, 4999),
  ok: code === 1000 || code === 1001 || code === 1005,
  reconnect: [1001, 1005, 1006, 1011, 1012, 1013, 1014].includes(code) ? 1
    : between(code, 3000, 4999) ? 2 : 0,
});

test('every code 0..65535 follows the rules', () => {
  const descriptionOf = new Map(); // category -> the shared description of its unnamed codes
  let checked = 0;
  for (let code = 0; code <= 0xffff; code++) {
    const want = expected(code);
    const info = ws.info(code);
    const { description, ...rest } = info;
    assert.deepEqual(rest, want);
    assert.equal(ws.classify(code), want.category);
    assert.equal(ws.isSendable(code), want.sendable);
    assert.equal(ws.isLocalOnly(code), want.localOnly);
    assert.equal(ws.isBrowserCloseable(code), want.browserCloseable);
    assert.equal(ws.isOk(code), want.ok);
    assert.equal(ws.reconnect(code), want.reconnect);
    assert.equal(typeof description, 'string');
    assert.ok(description.length > 0);
    if (want.name === null) {
      const shared = descriptionOf.get(want.category);
      if (shared === undefined) descriptionOf.set(want.category, description);
      else assert.equal(description, shared, `code ${code}`);
    }
    checked += 1;
  }
  assert.equal(checked, 65536);
  // Five categories have unnamed codes (every Standard code has a name), each with its own
  // description, and none like a named code's.
  assert.equal(descriptionOf.size, 5);
  assert.equal(new Set(descriptionOf.values()).size, 5);
  const named = new Set(NAMES.map((_, i) => ws.description(1000 + i)));
  assert.equal(named.size, 16);
  for (const text of descriptionOf.values()) assert.ok(!named.has(text));
});

test('the raw export agrees with the wrapper and answers 255 above 65535', () => {
  for (let code = 0; code <= 0xffff; code++) {
    assert.equal(ws.wasm.wsclose_classify(code), expectedCategory(code));
  }
  for (const code of [65536, 65536 + 1000, 0x7fffffff]) {
    assert.equal(ws.wasm.wsclose_classify(code), 255);
    assert.equal(ws.wasm.wsclose_reconnect(code), 255);
    assert.equal(ws.wasm.wsclose_is_sendable(code), 0);
    assert.equal(ws.wasm.wsclose_name_ptr(code), 0);
  }
});

test('categories and their labels come from the module', () => {
  assert.deepEqual(Object.values(ws.Category), [0, 1, 2, 3, 4, 5]);
  for (const [key, value] of Object.entries(ws.Category)) {
    assert.equal(ws.categoryName(value), key);
    assert.equal(typeof ws.categoryLabel(value), 'string');
  }
  assert.equal(ws.categoryLabel(ws.Category.PRIVATE), 'private use');
  assert.equal(ws.categoryLabel(ws.Category.OUT_OF_RANGE), 'out of range');
  assert.deepEqual(Object.values(ws.Reconnect), [0, 1, 2]);
  assert.match(ws.version, /^\d+\.\d+\.\d+/);
});
