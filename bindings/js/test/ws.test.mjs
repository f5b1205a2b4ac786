// A differential test against the `ws` package (the WebSocket library most Node.js programs
// use): its own check of received close codes, `isValidStatusCode` in ws/lib/validation.js,
// for all 65,536 codes, and its frame parser (`Receiver`) fed real Close frames.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Receiver } from 'ws';
import * as wsclose from 'wsclose';
import { readVectors, hex } from './helpers.mjs';

// ws's package.json `exports` does not list lib/validation.js, so load it by file path.
const require = createRequire(import.meta.url);
const wsRoot = path.dirname(require.resolve('ws/package.json'));
const { isValidStatusCode } = require(path.join(wsRoot, 'lib', 'validation.js'));

// Where wsclose and ws disagree on a received code, and why. A difference not listed here, or a
// listed one that no longer shows up, fails the test. ws 8 follows the same registry as wsclose
// (it accepts 1014 and rejects 1004-1006 and 1015), so none are expected.
const KNOWN_DIFFERENCES = new Map();

function acceptedByWsclose(code) {
  try {
    wsclose.parseClosePayload(new Uint8Array([code >> 8, code & 0xff]));
    return true;
  } catch (error) {
    if (error instanceof wsclose.PayloadError) return false;
    throw error;
  }
}

function reportDifferences(what, differences) {
  for (const { code, ours, theirs } of differences) {
    const why = KNOWN_DIFFERENCES.get(code) ?? 'UNEXPECTED';
    console.log(`${what}: code ${code}: wsclose ${ours ? 'accepts' : 'rejects'}, ws ${theirs ? 'accepts' : 'rejects'}: ${why}`);
  }
  console.log(`${what}: compared 65536 codes, ${differences.length} differ`);
  assert.deepEqual(differences.map((d) => d.code), [...KNOWN_DIFFERENCES.keys()], `${what}: the differences changed`);
}

test('ws isValidStatusCode agrees with wsclose on all 65,536 codes', () => {
  assert.equal(typeof isValidStatusCode, 'function');
  const differences = [];
  let accepted = 0;
  for (let code = 0; code <= 0xffff; code++) {
    const theirs = isValidStatusCode(code);
    const ours = acceptedByWsclose(code);
    assert.equal(wsclose.info(code).sendable, ours, `code ${code}: info().sendable and parseClosePayload disagree`);
    if (theirs) accepted++;
    if (theirs !== ours) differences.push({ code, ours, theirs });
  }
  assert.equal(accepted, 2000 + 12, 'ws accepts 3000-4999 and twelve standard codes');
  reportDifferences('isValidStatusCode', differences);
});

/** Feeds one unmasked Close frame with `payload` to a ws Receiver (client side). */
function wsReceive(payload) {
  return new Promise((resolve) => {
    const receiver = new Receiver({ isServer: false });
    receiver.on('conclude', (code, reason) => resolve({ accepted: true, code, reason: Buffer.from(reason) }));
    receiver.on('error', (error) => {
      const statusSymbol = Object.getOwnPropertySymbols(error).find((s) => s.description === 'status-code');
      resolve({ accepted: false, closeCode: statusSymbol ? error[statusSymbol] : undefined, error: error.code });
    });
    const header = payload.length < 126
      ? Buffer.from([0x88, payload.length])
      : Buffer.from([0x88, 126, payload.length >> 8, payload.length & 0xff]);
    receiver.write(Buffer.concat([header, payload]));
  });
}

test('ws Receiver agrees with wsclose on a Close frame with each of the 65,536 codes', async () => {
  const differences = [];
  for (let code = 0; code <= 0xffff; code++) {
    const theirs = await wsReceive(new Uint8Array([code >> 8, code & 0xff]));
    const ours = acceptedByWsclose(code);
    if (theirs.accepted) {
      assert.equal(theirs.code, code);
    } else {
      assert.equal(theirs.error, 'WS_ERR_INVALID_CLOSE_CODE', `code ${code}`);
      assert.equal(theirs.closeCode, 1002, `code ${code}`);
    }
    if (theirs.accepted !== ours) differences.push({ code, ours, theirs: theirs.accepted });
  }
  reportDifferences('Receiver', differences);
});

test('ws Receiver agrees with wsclose on every parse.tsv payload, including the code to answer with', async () => {
  const rows = readVectors('parse.tsv');
  for (const row of rows) {
    const payload = hex(row.payload_hex);
    const where = `${row['@line']} (payload ${row.payload_hex})`;
    const theirs = await wsReceive(payload);
    let ours;
    try {
      const close = wsclose.parseClosePayload(payload);
      ours = { accepted: true, code: close.code, reason: Buffer.from(close.reason, 'utf8') };
    } catch (error) {
      if (!(error instanceof wsclose.PayloadError)) throw error;
      ours = { accepted: false, closeCode: error.closeCode };
    }
    if (theirs.accepted) {
      assert.deepEqual(ours, { accepted: true, code: theirs.code, reason: theirs.reason }, where);
    } else {
      assert.deepEqual(ours, { accepted: false, closeCode: theirs.closeCode }, `${where}: ws says ${theirs.error}`);
    }
  }
});
