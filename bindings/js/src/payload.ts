// Close frame payloads: decode and build them (core/src/payload.rs behind the C ABI). A string
// reason goes to the core as its UTF-16 code units, so a lone surrogate is refused, never replaced.
import { MAX_CLOSE_PAYLOAD, MAX_REASON_LEN } from './generated.js';
import {
  CARRIES_CODE, capBytes, capUnits, CODE_OUT, INPUT, OUT, OUT_LEN, REASON_LEN_OUT, REASON_OUT, bytes, failure, putUnits, reserve,
  toBytes, toCode, utf8At, view, wasm,
} from './module.js';

/** A decoded Close payload. */
export interface Close {
  /** The status code; 1005 when the payload was empty. */
  readonly code: number;
  readonly reason: string;
}

/**
 * Decodes a Close frame payload: `{ code, reason }` (code 1005 and reason "" for an empty
 * payload), or throws `PayloadError` carrying the code to close the connection with.
 */
export function parseClosePayload(payload: Uint8Array | ArrayBuffer | ArrayBufferView): Close {
  // The core refuses a payload over MAX_CLOSE_PAYLOAD bytes by its length alone (TOO_LONG).
  const input = capBytes(toBytes(payload), MAX_CLOSE_PAYLOAD);
  const base = reserve(input.length);
  bytes().set(input, base + INPUT);
  const result = wasm.wsclose_parse_close_payload(
    base + INPUT, input.length, base + CODE_OUT, base + REASON_OUT, base + REASON_LEN_OUT);
  const memory = view();
  const code = memory.getUint16(base + CODE_OUT, true);
  if (result !== 0) {
    throw failure(result, CARRIES_CODE.has(result) ? code : null);
  }
  // The reason lies inside the payload in the scratch area; the core has checked its UTF-8.
  const reason = utf8At(memory.getUint32(base + REASON_OUT, true), memory.getUint32(base + REASON_LEN_OUT, true));
  return Object.freeze({ code, reason });
}

/**
 * Builds a Close frame payload from a code and a reason: a string (its UTF-16 code units go to
 * the core; a lone surrogate is INVALID_UTF8, never replaced) or a Uint8Array (bytes). Throws
 * `PayloadError` when the core refuses (code not sendable, reason too long or not UTF-8).
 */
export function encodeClosePayload(code: number, reason: string | Uint8Array = ''): Uint8Array {
  toCode(code);
  let result: number;
  let base: number;
  // The core checks the reason's length first: over MAX_REASON_LEN bytes is REASON_TOO_LONG
  // whatever the rest holds, so only one unit or byte past the limit is copied.
  if (typeof reason === 'string') {
    const text = capUnits(reason, MAX_REASON_LEN);
    const at = putUnits(text);
    base = reserve(text.length * 2);
    result = wasm.wsclose_encode_close_payload_utf16(code, at, text.length, base + OUT, MAX_CLOSE_PAYLOAD, base + OUT_LEN);
  } else if (reason instanceof Uint8Array) {
    const input = capBytes(reason, MAX_REASON_LEN);
    base = reserve(input.length);
    bytes().set(input, base + INPUT);
    result = wasm.wsclose_encode_close_payload(code, base + INPUT, input.length, base + OUT, MAX_CLOSE_PAYLOAD, base + OUT_LEN);
  } else {
    throw new TypeError('wsclose: a reason must be a string or a Uint8Array');
  }
  if (result !== 0) throw failure(result, code);
  const len = view().getUint32(base + OUT_LEN, true);
  return bytes().slice(base + OUT, base + OUT + len);
}
