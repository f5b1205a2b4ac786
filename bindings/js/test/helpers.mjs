// Shared by the tests: the golden vectors of tests/vectors/ (format: docs/VECTORS.md).
// Expectations come from the vectors and the module's own API (its generated constants), never
// from tables typed here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';

export const VECTORS_DIR = process.env.WSCLOSE_VECTORS ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../tests/vectors');

/** The rows of one TSV file as objects keyed by the header; asserts there is at least one. */
export function readVectors(file) {
  const text = readFileSync(path.join(VECTORS_DIR, file), 'utf8');
  const lines = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  const [header, ...rows] = lines;
  assert.ok(header, `${file}: no header line`);
  const columns = header.split('\t');
  const parsed = rows.map((line) => {
    const fields = line.split('\t');
    assert.equal(fields.length, columns.length, `${file}: bad row ${line}`);
    return Object.fromEntries(columns.map((column, i) => [column, fields[i]]));
  });
  assert.ok(parsed.length > 0, `${file}: read 0 rows from ${VECTORS_DIR}`);
  return parsed;
}

/** Hex (or "-" for empty) to bytes. */
export function hex(text) {
  return text === '-' ? new Uint8Array(0) : Uint8Array.from(Buffer.from(text, 'hex'));
}

/** UTF-16 code units (4 hex digits each, "-" = empty) to a JS string, lone surrogates kept. */
export function hex16(text) {
  let s = '';
  if (text !== '-') for (let i = 0; i < text.length; i += 4) s += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
  return s;
}

/** A "-"-or-number field as a number or null. */
export const numberOrNull = (text) => (text === '-' ? null : Number(text));
