// The facts of the C ABI that src/layout.ts spells (until xtask generates them): each result
// number against include/wsclose.h and the module's own message for it, and the struct sizes
// against the module's behaviour (the differential's policy and event sections check every field).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { wasm } from 'wsclose';
import { CLOSE_EVENT, POLICY, RESULT } from '../dist/layout.js';

const HEADER = readFileSync(new URL('../../../include/wsclose.h', import.meta.url), 'utf8');

test('RESULT: every number is the one include/wsclose.h gives its name, with a message of its own', () => {
  const names = Object.keys(RESULT);
  assert.ok(names.length > 0);
  const unknown = wasm.wsclose_result_message(-99999);
  for (const name of names) {
    const match = new RegExp(`\\b${name} = (-?\\d+)`).exec(HEADER);
    assert.ok(match, `include/wsclose.h has no ${name}`);
    assert.equal(RESULT[name], Number(match[1]), name);
    assert.notEqual(wasm.wsclose_result_message(RESULT[name]), unknown, `${name}: the module has no message`);
  }
});

test('layouts: offsets lie inside the struct, in order, and the default policy reads back as the library wrote it', () => {
  for (const layout of [POLICY, CLOSE_EVENT]) {
    const offsets = Object.values(layout.offsets);
    assert.deepEqual(offsets, [...offsets].sort((a, b) => a - b));
    assert.ok(offsets.every((offset) => offset >= 0 && offset < layout.size));
    assert.equal(layout.size % layout.align, 0);
  }
  // A zeroed area, filled by the library: the fields read at these offsets are its defaults
  // (docs/api.md: base 1000 ms, cap 30 s, no attempt limit, unspecified codes retried).
  const at = wasm.memory.grow(1) * 65536;
  assert.equal(wasm.wsclose_policy_default(at), 0);
  const view = new DataView(wasm.memory.buffer);
  assert.ok(view.getBigUint64(at + POLICY.offsets.base_ms, true) > 0n);
  assert.ok(view.getBigUint64(at + POLICY.offsets.cap_ms, true) >= view.getBigUint64(at + POLICY.offsets.base_ms, true));
  assert.equal(view.getUint8(at + POLICY.offsets.retry_unspecified), 1);
  assert.equal(view.getUint32(at + POLICY.offsets.override_count, true), 0);
  assert.equal(view.getInt32(at + POLICY.offsets.profile, true), -1);
});
