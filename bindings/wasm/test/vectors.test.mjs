// The shared golden vectors, through the WebAssembly module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ws from 'wsclose-wasm';
import { readVectors, hex } from './helpers.mjs';

const flag = (text) => text === '1';
const orNull = (text) => (text === '-' ? null : text);

test('codes.tsv: every column of every row', () => {
  const rows = readVectors('codes.tsv');
  assert.ok(rows.length > 0);
  for (const row of rows) {
    const code = Number(row.code);
    const info = ws.info(code);
    const where = `code ${code}`;
    assert.equal(ws.classify(code), Number(row.category), where);
    assert.equal(info.category, Number(row.category), where);
    assert.equal(info.name, orNull(row.name), where);
    assert.equal(ws.name(code), orNull(row.name), where);
    assert.equal(ws.constName(code), orNull(row.const_name), where);
    assert.equal(info.sendable, flag(row.sendable), where);
    assert.equal(ws.isSendable(code), flag(row.sendable), where);
    assert.equal(info.localOnly, flag(row.local_only), where);
    assert.equal(ws.isLocalOnly(code), flag(row.local_only), where);
    assert.equal(info.browserCloseable, flag(row.browser_closeable), where);
    assert.equal(ws.isBrowserCloseable(code), flag(row.browser_closeable), where);
    assert.equal(info.ok, flag(row.ok), where);
    assert.equal(ws.isOk(code), flag(row.ok), where);
    assert.equal(info.reconnect, Number(row.reconnect), where);
    assert.equal(ws.reconnect(code), Number(row.reconnect), where);
    assert.equal(typeof info.description, 'string', where);
    assert.ok(info.description.length > 20, where);
  }
});

test('parse.tsv: results, codes and reasons', () => {
  const rows = readVectors('parse.tsv');
  assert.ok(rows.length > 0);
  const decoder = new TextDecoder();
  for (const row of rows) {
    const payload = hex(row.payload_hex);
    const where = `payload ${row.payload_hex}`;
    if (row.result === 'OK') {
      const close = ws.parseClosePayload(payload);
      assert.equal(close.code, Number(row.code), where);
      assert.equal(close.reason, decoder.decode(hex(row.reason_hex)), where);
    } else {
      assert.throws(() => ws.parseClosePayload(payload), (err) => {
        assert.ok(err instanceof ws.ClosePayloadError, where);
        assert.equal(err.kind, row.result, where);
        assert.equal(err.closeCode, Number(row.code), where);
        return true;
      }, where);
    }
  }
});

// Reasons are passed as bytes, so the rows with a reason that is not UTF-8 run too.
test('encode.tsv: payloads and errors, reasons as bytes and (when UTF-8) as strings', () => {
  const rows = readVectors('encode.tsv');
  assert.ok(rows.length > 0);
  const strict = new TextDecoder('utf-8', { fatal: true });
  let asString = 0;
  for (const row of rows) {
    const code = Number(row.code);
    const reason = hex(row.reason_hex);
    let text = null;
    try { text = strict.decode(reason); } catch { /* not UTF-8: bytes only */ }
    const where = `code ${code} reason ${row.reason_hex}`;
    for (const input of text === null ? [reason] : [reason, text]) {
      if (row.result === 'OK') {
        assert.deepEqual(ws.encodeClosePayload(code, input), hex(row.payload_hex), where);
      } else {
        assert.throws(() => ws.encodeClosePayload(code, input), (err) => {
          assert.ok(err instanceof ws.ClosePayloadError, where);
          assert.equal(err.kind, row.result, where);
          assert.equal(err.closeCode, 0, where);
          return true;
        }, where);
      }
    }
    if (text !== null) asString += 1;
  }
  assert.ok(asString > 0);
});
