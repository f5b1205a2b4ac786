// Shared by the tests: the golden vectors of tests/vectors/ (format: docs/VECTORS.md).
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
