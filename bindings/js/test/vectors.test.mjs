// The shared golden vectors, through the package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ws from 'wsclose';
import { readVectors, hex, hex16, numberOrNull } from './helpers.mjs';

const flag = (text) => text === '1';
const orNull = (text) => (text === '-' ? null : text);

test('codes.tsv: every column of every row', () => {
  const rows = readVectors('codes.tsv');
  for (const row of rows) {
    const code = Number(row.code);
    const where = `code ${code}`;
    const want = {
      code,
      category: Number(row.category),
      reconnect: Number(row.reconnect),
      sendable: flag(row.sendable),
      localOnly: flag(row.local_only),
      browserCloseable: flag(row.browser_closeable),
      ok: flag(row.ok),
      name: orNull(row.name),
    };
    const { description, ...info } = ws.info(code);
    assert.deepEqual(info, want, where);
    assert.ok(description.length > 20, where);
    assert.equal(ws.classify(code), want.category, where);
    assert.equal(ws.name(code), want.name, where);
    assert.equal(ws.constName(code), orNull(row.const_name), where);
    assert.equal(ws.isSendable(code), want.sendable, where);
    assert.equal(ws.isLocalOnly(code), want.localOnly, where);
    assert.equal(ws.isBrowserCloseable(code), want.browserCloseable, where);
    assert.equal(ws.isOk(code), want.ok, where);
    assert.equal(ws.reconnect(code), want.reconnect, where);
  }
});

test('parse.tsv: results, codes and reasons', () => {
  const rows = readVectors('parse.tsv');
  for (const row of rows) {
    const payload = hex(row.payload_hex);
    const where = `payload ${row.payload_hex}`;
    if (row.result === 'OK') {
      const close = ws.parseClosePayload(payload);
      assert.equal(close.code, Number(row.code), where);
      // Compared as UTF-8 bytes, so a leading U+FEFF (kept, as in every language) shows.
      assert.deepEqual(Buffer.from(close.reason, 'utf8'), Buffer.from(hex(row.reason_hex)), where);
    } else {
      assert.throws(() => ws.parseClosePayload(payload), (err) => {
        assert.ok(err instanceof ws.PayloadError, where);
        assert.equal(err.kind, row.result, where);
        assert.equal(err.closeCode, Number(row.code), where); // the answer code
        return true;
      }, where);
    }
  }
});

test('encode.tsv: every row with the reason as bytes, and as a string where one can hold it', () => {
  const rows = readVectors('encode.tsv');
  let strings = 0;
  for (const row of rows) {
    const code = Number(row.code);
    const inputs = [hex(row.reason_hex)];
    if (row.reason_utf16 !== 'x') {
      inputs.push(hex16(row.reason_utf16));
      strings += 1;
    }
    for (const input of inputs) {
      const where = `code ${code} reason ${typeof input} ${row.reason_hex}`;
      if (row.result === 'OK') {
        assert.deepEqual(ws.encodeClosePayload(code, input), hex(row.payload_hex), where);
      } else {
        assert.throws(() => ws.encodeClosePayload(code, input), (err) => {
          assert.ok(err instanceof ws.PayloadError, where);
          assert.equal(err.kind, row.result, where);
          assert.equal(err.closeCode, numberOrNull(row.answer_code), where);
          assert.equal(err.code, code, where);
          return true;
        }, where);
      }
    }
  }
  assert.ok(strings > 0, 'encode.tsv: no row had a string form');
});
