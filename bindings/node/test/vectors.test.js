'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const wsclose = require('wsclose');
const { readVectors, unhex } = require('./helpers.js');

test('codes.tsv: classify and info agree with every row', () => {
  // const_name is not checked: this package names categories, not individual codes.
  const rows = readVectors('codes.tsv');
  for (const row of rows) {
    const code = Number(row.code);
    const where = `${row['@line']} (code ${code})`;
    assert.equal(wsclose.classify(code), Number(row.category), where);
    const info = wsclose.info(code);
    assert.deepEqual(
      {
        code: info.code,
        category: info.category,
        name: info.name,
        sendable: info.sendable,
        localOnly: info.localOnly,
        browserCloseable: info.browserCloseable,
        ok: info.ok,
        reconnect: info.reconnect,
      },
      {
        code,
        category: Number(row.category),
        name: row.name === '-' ? null : row.name,
        sendable: row.sendable === '1',
        localOnly: row.local_only === '1',
        browserCloseable: row.browser_closeable === '1',
        ok: row.ok === '1',
        reconnect: Number(row.reconnect),
      },
      where,
    );
    assert.ok(info.description.length > 0, where);
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
          assert.equal(error.closeCode, Number(row.code), where);
          return true;
        },
        where,
      );
    }
  }
});

test('encode.tsv: encodeClosePayload agrees with every row', () => {
  // A reason is passed as a Uint8Array, so the rows whose reason is not UTF-8 run here too.
  const rows = readVectors('encode.tsv');
  for (const row of rows) {
    const code = Number(row.code);
    const reason = unhex(row.reason_hex);
    const where = `${row['@line']} (code ${code}, reason ${row.reason_hex})`;
    if (row.result === 'OK') {
      assert.deepEqual(wsclose.encodeClosePayload(code, reason), unhex(row.payload_hex), where);
      // The same reason as a string, where it is UTF-8, gives the same bytes.
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(reason);
      assert.deepEqual(wsclose.encodeClosePayload(code, text), unhex(row.payload_hex), where);
    } else {
      assert.throws(
        () => wsclose.encodeClosePayload(code, reason),
        (error) => error instanceof wsclose.PayloadError && error.kind === row.result,
        where,
      );
    }
  }
});
