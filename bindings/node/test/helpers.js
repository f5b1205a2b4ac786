'use strict';
// Shared by the tests: golden-vector reading and the rules, written out independently of the
// library (README: the ranges).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const VECTOR_DIR = path.join(__dirname, '..', '..', '..', 'tests', 'vectors');

/** Rows of a golden-vector TSV file (docs/VECTORS.md) as objects; asserts there are some. */
function readVectors(name) {
  const file = path.join(VECTOR_DIR, name);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  let header = null;
  const rows = [];
  lines.forEach((text, index) => {
    if (text === '' || text.startsWith('#')) return;
    const fields = text.split('\t');
    if (header === null) {
      header = fields;
      return;
    }
    assert.equal(fields.length, header.length, `${file}:${index + 1}: field count`);
    const row = Object.fromEntries(header.map((column, i) => [column, fields[i]]));
    row['@line'] = `${name}:${index + 1}`;
    rows.push(row);
  });
  assert.ok(rows.length > 0, `${file}: no rows read; the golden vectors are missing or empty`);
  return rows;
}

/** A hex field as bytes; "-" is the empty byte string. */
function unhex(field) {
  return field === '-' ? new Uint8Array(0) : new Uint8Array(Buffer.from(field, 'hex'));
}

const rules = {
  category(code) {
    if (code <= 999) return 0;
    if (code <= 1015) return 1;
    if (code <= 2999) return 2;
    if (code <= 3999) return 3;
    if (code <= 4999) return 4;
    return 5;
  },
  sendable: (code) => (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999),
  localOnly: (code) => code === 1005 || code === 1006 || code === 1015,
  browserCloseable: (code) => code === 1000 || (code >= 3000 && code <= 4999),
  ok: (code) => code === 1000 || code === 1001 || code === 1005,
  reconnect(code) {
    if ([1001, 1005, 1006, 1011, 1012, 1013, 1014].includes(code)) return 1;
    if (code >= 3000 && code <= 4999) return 2;
    return 0;
  },
  names: new Map([
    [1000, 'Normal Closure'], [1001, 'Going Away'], [1002, 'Protocol Error'], [1003, 'Unsupported Data'],
    [1004, 'Reserved'], [1005, 'No Status Received'], [1006, 'Abnormal Closure'],
    [1007, 'Invalid Frame Payload Data'], [1008, 'Policy Violation'], [1009, 'Message Too Big'],
    [1010, 'Mandatory Extension'], [1011, 'Internal Error'], [1012, 'Service Restart'],
    [1013, 'Try Again Later'], [1014, 'Bad Gateway'], [1015, 'TLS Handshake'],
  ]),
};

module.exports = { readVectors, unhex, rules };
