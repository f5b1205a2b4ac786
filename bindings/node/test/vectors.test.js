'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const wsclose = require('wsclose');
const { readVectors, unhex, unhex16, numberOrNull } = require('./helpers.js');

test('codes.tsv: classify, info and the per-code functions agree with every row', () => {
  const rows = readVectors('codes.tsv');
  for (const row of rows) {
    const code = Number(row.code);
    const where = `${row['@line']} (code ${code})`;
    const want = {
      code,
      category: Number(row.category),
      name: row.name === '-' ? null : row.name,
      sendable: row.sendable === '1',
      localOnly: row.local_only === '1',
      browserCloseable: row.browser_closeable === '1',
      ok: row.ok === '1',
      reconnect: Number(row.reconnect),
    };
    const { description, ...info } = wsclose.info(code);
    assert.deepEqual(info, want, where);
    assert.ok(description.length > 0, where);
    assert.equal(wsclose.classify(code), want.category, where);
    assert.equal(wsclose.name(code), want.name, where);
    assert.equal(wsclose.constName(code), row.const_name === '-' ? null : row.const_name, where);
    assert.equal(wsclose.isSendable(code), want.sendable, where);
    assert.equal(wsclose.reconnect(code), want.reconnect, where);
  }
});

test('parse.tsv: parseClosePayload agrees with every row', () => {
  const rows = readVectors('parse.tsv');
  for (const row of rows) {
    const payload = unhex(row.payload_hex);
    const where = `${row['@line']} (payload ${row.payload_hex})`;
    if (row.result === 'OK') {
      const close = wsclose.parseClosePayload(payload);
      assert.equal(close.code, Number(row.code), where);
      assert.deepEqual(Buffer.from(close.reason, 'utf8'), Buffer.from(unhex(row.reason_hex)), where);
    } else {
      assert.throws(
        () => wsclose.parseClosePayload(payload),
        (error) => {
          assert.ok(error instanceof wsclose.PayloadError, where);
          assert.equal(error.kind, row.result, where);
          assert.equal(error.closeCode, Number(row.code), where); // the answer code
          return true;
        },
        where,
      );
    }
  }
});

test('encode.tsv: every row as a string (UTF-16 units) and as bytes', () => {
  const rows = readVectors('encode.tsv');
  let strings = 0;
  for (const row of rows) {
    const code = Number(row.code);
    const inputs = [['bytes', unhex(row.reason_hex)]];
    if (row.reason_utf16 !== 'x') inputs.push(['string', unhex16(row.reason_utf16)]);
    for (const [form, reason] of inputs) {
      const where = `${row['@line']} (code ${code}, reason ${form} ${row.reason_hex})`;
      if (row.result === 'OK') {
        assert.deepEqual(wsclose.encodeClosePayload(code, reason), unhex(row.payload_hex), where);
      } else {
        assert.throws(
          () => wsclose.encodeClosePayload(code, reason),
          (error) => {
            assert.ok(error instanceof wsclose.PayloadError, where);
            assert.equal(error.kind, row.result, where);
            assert.equal(error.closeCode, numberOrNull(row.answer_code), where);
            assert.equal(error.code, code, where);
            return true;
          },
          where,
        );
      }
      if (form === 'string') strings += 1;
    }
  }
  assert.ok(strings > 0, 'encode.tsv: no row had a string form');
});
