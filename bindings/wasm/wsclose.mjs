// wsclose for browsers and Node.js: a thin layer over wsclose.wasm, which is the C ABI crate
// (ffi-c, the same `wsclose_*` functions and signatures as libwsclose and include/wsclose.h)
// compiled to WebAssembly. Every answer comes from the module and every fact (constants, limits,
// error kinds) from the generated ./generated.mjs; this file only converts JavaScript values to
// C arguments in linear memory and C results to JavaScript values and exceptions. It checks no
// code, no length and no UTF-8: a string reason goes to the core as its UTF-16 code units
// (`wsclose_encode_close_payload_utf16`), so a lone surrogate is refused, never replaced.
//
// Loading: the module sits next to this file. Under Node.js (a file: URL) it is read from disk;
// anywhere else it is fetched, streamed when the server sends application/wasm. The ES module
// uses top-level await, so by the time an import resolves, every function is ready to call.
import { MAX_CLOSE_PAYLOAD, PAYLOAD_ERROR_KINDS } from './generated.mjs';

export * from './generated.mjs';

/** Instantiates wsclose.wasm (from a URL, a path string or its bytes) and returns its exports. */
export async function loadWasm(source = new URL('./wsclose.wasm', import.meta.url)) {
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return (await WebAssembly.instantiate(source, {})).instance.exports;
  }
  const url = new URL(source);
  if (url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    return (await WebAssembly.instantiate(await readFile(url), {})).instance.exports;
  }
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`wsclose: cannot load ${url}: HTTP ${response.status}`);
  }
  if (typeof WebAssembly.instantiateStreaming === 'function' &&
      (response.headers.get('content-type') ?? '').startsWith('application/wasm')) {
    return (await WebAssembly.instantiateStreaming(response, {})).instance.exports;
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), {})).instance.exports;
}

/** The raw exports of the loaded module: the C ABI (`wsclose_classify(uint16_t)` and friends). */
export const wasm = await loadWasm();

// ---------------------------------------------------------------------------------------------
// Linear memory: a scratch area this module owns, for the C functions' pointer arguments.
// `memory.grow` hands out fresh pages that nothing in the module uses (ffi-c never allocates),
// so the scratch area is simply the pages grown for it. Layout (byte offsets, 8-aligned):
const PAGE = 65536;
const CODE_OUT = 0; //      uint16_t        wsclose_parse_close_payload: code_out
const REASON_OUT = 4; //    const uint8_t * wsclose_parse_close_payload: reason_out
const REASON_LEN_OUT = 8; // size_t         wsclose_parse_close_payload: reason_len_out
const OUT_LEN = 12; //      size_t          wsclose_encode_close_payload*: out_len
const OUT = 16; //          uint8_t[MAX_CLOSE_PAYLOAD] the encoded payload
const INPUT = (OUT + MAX_CLOSE_PAYLOAD + 7) & ~7; // the payload, reason or codes passed in

let scratch = 0;
let scratchSize = 0;

/** The scratch area's address, with room for `inputBytes` at INPUT (grown when needed). */
function reserve(inputBytes) {
  const needed = INPUT + inputBytes;
  if (needed > scratchSize) {
    const pages = Math.ceil(needed / PAGE);
    if (scratchSize > 0 && scratch + scratchSize === wasm.memory.buffer.byteLength) {
      wasm.memory.grow(pages - scratchSize / PAGE); // still the last pages: extend them
    } else {
      scratch = wasm.memory.grow(pages) * PAGE;
    }
    scratchSize = pages * PAGE;
  }
  return scratch;
}
reserve(0);

// Views must be made after each call that may grow the memory; these are cheap.
const bytes = () => new Uint8Array(wasm.memory.buffer);
const view = () => new DataView(wasm.memory.buffer);

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A static NUL-terminated string of the module, or null for a NULL pointer. */
function cString(ptr) {
  if (ptr === 0) return null;
  const memory = bytes();
  const start = ptr >>> 0;
  return decoder.decode(memory.subarray(start, memory.indexOf(0, start)));
}

// ---------------------------------------------------------------------------------------------
// Errors

/** The payload error kinds by their C result number (from the generated table). */
const KIND_OF_RESULT = new Map(Object.entries(PAYLOAD_ERROR_KINDS).map(([kind, { result }]) => [result, kind]));

/**
 * A Close payload that breaks the protocol (from `parseClosePayload`), or a code and reason that
 * cannot be encoded (from `encodeClosePayload`). `kind` is the constant name ("INVALID_UTF8");
 * `closeCode` the code to answer the peer with (1002, 1007, or null for the kinds only encoding
 * reports); `code` the code the payload carried or was to carry (null when parsing stopped before
 * it); `result` the stable C result number; the message is the core's fixed message.
 */
export class PayloadError extends Error {
  constructor(kind, result, closeCode, code, message) {
    super(message);
    this.name = 'PayloadError';
    this.kind = kind;
    this.result = result;
    this.closeCode = closeCode;
    this.code = code;
  }
}

/** The exception for a non-zero C result (a PayloadError for a payload error kind). */
function failure(result, code) {
  const kind = KIND_OF_RESULT.get(result);
  const message = cString(wasm.wsclose_result_message(result));
  if (kind === undefined) {
    return new Error(`wsclose: unexpected result ${result} (${message})`);
  }
  // `wsclose_result_close_code` answers 0 for the kinds that have no answer code.
  const closeCode = wasm.wsclose_result_close_code(result);
  return new PayloadError(kind, result, closeCode === 0 ? null : closeCode, code, message);
}

// The results whose kind carries the status code (a fact generated from the core).
const CARRIES_CODE = new Set(
  Object.values(PAYLOAD_ERROR_KINDS).filter((kind) => kind.carriesCode).map((kind) => kind.result),
);

// ---------------------------------------------------------------------------------------------
// Converting JavaScript values to C arguments

/** A number that is an integer in 0..65535 (`uint16_t`), else TypeError/RangeError. */
function toCode(code) {
  if (typeof code !== 'number') {
    throw new TypeError(`wsclose: a close code must be a number, got ${typeof code}`);
  }
  if (!Number.isInteger(code) || code < 0 || code > 0xffff) {
    throw new RangeError(`wsclose: a close code must be an integer in 0..65535, got ${code}`);
  }
  return code;
}

/** A number that is an integer in 0..2^32-1 (`uint32_t`), else TypeError/RangeError. */
function toU32(value, what) {
  if (typeof value !== 'number') {
    throw new TypeError(`wsclose: ${what} must be a number, got ${typeof value}`);
  }
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`wsclose: ${what} must be an integer in 0..4294967295, got ${value}`);
  }
  return value;
}

function toBytes(payload) {
  if (payload instanceof Uint8Array) return payload;
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  if (ArrayBuffer.isView(payload)) {
    return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  }
  throw new TypeError('wsclose: a payload must be a Uint8Array, an ArrayBuffer or a typed array view');
}

// ---------------------------------------------------------------------------------------------
// The API (the same names as the Node.js package `wsclose`)

/** The category number (see `Category`) of a close code. */
export function classify(code) {
  return wasm.wsclose_classify(toCode(code));
}

/** The categories of many codes (a Uint16Array, or an array of numbers) in one call. */
export function classifyMany(codes) {
  let input;
  if (codes instanceof Uint16Array) {
    input = codes;
  } else if (Array.isArray(codes)) {
    input = Uint16Array.from(codes, toCode);
  } else {
    throw new TypeError('wsclose: classifyMany takes a Uint16Array or an array of codes');
  }
  const count = input.length;
  const base = reserve(count * 3);
  const codesPtr = base + INPUT;
  const outPtr = codesPtr + count * 2;
  new Uint16Array(wasm.memory.buffer, codesPtr, count).set(input);
  const result = wasm.wsclose_classify_many(codesPtr, outPtr, count);
  if (result !== 0) throw failure(result, null);
  return bytes().slice(outPtr, outPtr + count);
}

/** May `code` appear in a Close frame on the wire? */
export function isSendable(code) {
  return wasm.wsclose_is_sendable(toCode(code)) !== 0;
}

/** Is `code` only ever reported locally (never sent)? */
export function isLocalOnly(code) {
  return wasm.wsclose_is_local_only(toCode(code)) !== 0;
}

/** Does a browser's `WebSocket.close(code)` accept `code`? */
export function isBrowserCloseable(code) {
  return wasm.wsclose_is_browser_closeable(toCode(code)) !== 0;
}

/** Did the connection end normally? */
export function isOk(code) {
  return wasm.wsclose_is_ok(toCode(code)) !== 0;
}

/** The reconnect advice number (see `Reconnect`) for a close code. */
export function reconnect(code) {
  return wasm.wsclose_reconnect(toCode(code));
}

/** The standard or IANA name of `code` (e.g. "Going Away"), or null. */
export function name(code) {
  return cString(wasm.wsclose_name(toCode(code)));
}

/** The constant name of `code` (e.g. "GOING_AWAY"), or null. */
export function constName(code) {
  return cString(wasm.wsclose_const_name(toCode(code)));
}

/** What `code` means, in a sentence or two. */
export function description(code) {
  return cString(wasm.wsclose_description(toCode(code)));
}

/** Everything wsclose knows about one code. */
export function info(code) {
  toCode(code);
  return Object.freeze({
    code,
    category: wasm.wsclose_classify(code),
    reconnect: wasm.wsclose_reconnect(code),
    sendable: wasm.wsclose_is_sendable(code) !== 0,
    localOnly: wasm.wsclose_is_local_only(code) !== 0,
    browserCloseable: wasm.wsclose_is_browser_closeable(code) !== 0,
    ok: wasm.wsclose_is_ok(code) !== 0,
    name: cString(wasm.wsclose_name(code)),
    description: cString(wasm.wsclose_description(code)),
  });
}

/** The label of a category number, e.g. "private use"; RangeError for a number with none. */
export function categoryLabel(category) {
  const label = cString(wasm.wsclose_category_label(toU32(category, 'a category')));
  if (label === null) throw new RangeError(`wsclose: not a category: ${category}`);
  return label;
}

/** The label of a reconnect advice number, e.g. "app-defined"; RangeError for a number with none. */
export function reconnectLabel(advice) {
  const label = cString(wasm.wsclose_reconnect_label(toU32(advice, 'a reconnect advice')));
  if (label === null) throw new RangeError(`wsclose: not a reconnect advice: ${advice}`);
  return label;
}

/** The version of the wsclose library inside the module, e.g. "0.1.0". */
export function version() {
  return cString(wasm.wsclose_version());
}

/**
 * Decodes a Close frame payload: `{ code, reason }` (code 1005 and reason "" for an empty
 * payload), or throws `PayloadError` carrying the code to close the connection with.
 */
export function parseClosePayload(payload) {
  const input = toBytes(payload);
  const base = reserve(input.length);
  bytes().set(input, base + INPUT);
  const result = wasm.wsclose_parse_close_payload(
    base + INPUT, input.length, base + CODE_OUT, base + REASON_OUT, base + REASON_LEN_OUT);
  const memory = view();
  const code = memory.getUint16(base + CODE_OUT, true);
  if (result !== 0) {
    throw failure(result, CARRIES_CODE.has(result) ? code : null);
  }
  const reasonPtr = memory.getUint32(base + REASON_OUT, true);
  const reasonLen = memory.getUint32(base + REASON_LEN_OUT, true);
  // The reason lies inside the payload in the scratch area; the core has checked its UTF-8.
  const reason = reasonLen === 0 ? '' : decoder.decode(bytes().subarray(reasonPtr, reasonPtr + reasonLen));
  return Object.freeze({ code, reason });
}

/**
 * Builds a Close frame payload from a code and a reason: a string (its UTF-16 code units go to
 * the core; a lone surrogate is INVALID_UTF8, never replaced) or a Uint8Array (bytes). Throws
 * `PayloadError` when the core refuses (code not sendable, reason too long or not UTF-8).
 */
export function encodeClosePayload(code, reason = '') {
  toCode(code);
  let result;
  let base;
  if (typeof reason === 'string') {
    const units = reason.length;
    base = reserve(units * 2);
    const memory = new Uint16Array(wasm.memory.buffer, base + INPUT, units);
    for (let i = 0; i < units; i++) memory[i] = reason.charCodeAt(i);
    result = wasm.wsclose_encode_close_payload_utf16(
      code, base + INPUT, units, base + OUT, MAX_CLOSE_PAYLOAD, base + OUT_LEN);
  } else if (reason instanceof Uint8Array) {
    base = reserve(reason.length);
    bytes().set(reason, base + INPUT);
    result = wasm.wsclose_encode_close_payload(
      code, base + INPUT, reason.length, base + OUT, MAX_CLOSE_PAYLOAD, base + OUT_LEN);
  } else {
    throw new TypeError('wsclose: a reason must be a string or a Uint8Array');
  }
  if (result !== 0) throw failure(result, code);
  const len = view().getUint32(base + OUT_LEN, true);
  return bytes().slice(base + OUT, base + OUT + len);
}
