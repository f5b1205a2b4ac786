'use strict';
// Shared by the tests: reading the golden vectors (docs/VECTORS.md). Expectations come from the
// vectors and the package's own API (its generated constants), never from tables typed here.
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

/** A field of UTF-16 code units (4 hex digits each, "-" = empty) as a JS string, lone surrogates kept. */
function unhex16(field) {
  if (field === '-') return '';
  let text = '';
  for (let i = 0; i < field.length; i += 4) text += String.fromCharCode(parseInt(field.slice(i, i + 4), 16));
  return text;
}

/** A "-"-or-number field as a number or null. */
function numberOrNull(field) {
  return field === '-' ? null : Number(field);
}

module.exports = { readVectors, unhex, unhex16, numberOrNull };
