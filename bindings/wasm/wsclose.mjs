// wsclose for browsers and Node.js: a thin layer over wsclose.wasm (the Rust core compiled to
// WebAssembly). Every answer comes from the module; this file only checks arguments, moves bytes
// in and out of linear memory and turns numbers into JavaScript values.
//
// Loading: the module sits next to this file. Under Node.js (a file: URL) it is read from disk;
// anywhere else it is fetched, streamed when the server sends application/wasm. The ES module
// uses top-level await, so by the time an import resolves, every function is ready to call.

/** Category numbers, the same as the C ABI's `wsclose_category`. */
export const Category = Object.freeze({
  UNUSED: 0,
  STANDARD: 1,
  RESERVED: 2,
  REGISTERED: 3,
  PRIVATE: 4,
  OUT_OF_RANGE: 5,
});

/** Reconnect advice numbers, the same as the C ABI's `wsclose_reconnect_advice`. */
export const Reconnect = Object.freeze({
  NEVER: 0,
  BACKOFF: 1,
  APP_DEFINED: 2,
});

/** The largest Close payload (a control frame carries at most 125 bytes). */
export const MAX_CLOSE_PAYLOAD = 125;
/** The longest reason that fits beside the two-byte code. */
export const MAX_REASON_LEN = 123;

const INVALID = 255; // what the numeric exports answer for a value above 65535

/**
 * Instantiates wsclose.wasm from a URL (file:, http:, https:, data: …) or from its bytes and
 * returns the raw exports. The wrapper functions below use the copy loaded from next to this
 * file; this is for hosts that keep the .wasm elsewhere and for tests.
 */
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

/** The raw exports of the loaded module (`wsclose_classify(u32) -> u32` and friends). */
export const wasm = await loadWasm();

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();
const BUFFER = wasm.wsclose_buffer();
const BUFFER_CAPACITY = wasm.wsclose_buffer_capacity();
const OUTPUT = wasm.wsclose_output();

function bytesAt(ptr, len) {
  // The memory may grow (it never does here, but the view must not outlive a growth).
  return new Uint8Array(wasm.memory.buffer, ptr, len);
}

function stringAt(ptr, len) {
  return ptr === 0 ? null : decoder.decode(bytesAt(ptr, len));
}

/** Checks that `code` is an integer in 0..65535 and returns it. */
function checkCode(code, what = 'code') {
  if (typeof code !== 'number') {
    throw new TypeError(`wsclose: ${what} must be a number, got ${typeof code}`);
  }
  if (!Number.isInteger(code) || code < 0 || code > 0xffff) {
    throw new RangeError(`wsclose: ${what} must be an integer in 0..65535, got ${code}`);
  }
  return code;
}

/** The category number (see `Category`) of a close code. */
export function classify(code) {
  return wasm.wsclose_classify(checkCode(code));
}

/** May `code` appear in a Close frame on the wire? */
export function isSendable(code) {
  return wasm.wsclose_is_sendable(checkCode(code)) === 1;
}

/** Is `code` only ever reported locally (never sent)? */
export function isLocalOnly(code) {
  return wasm.wsclose_is_local_only(checkCode(code)) === 1;
}

/** Does a browser's `WebSocket.close(code)` accept `code`? */
export function isBrowserCloseable(code) {
  return wasm.wsclose_is_browser_closeable(checkCode(code)) === 1;
}

/** Did the connection end normally? */
export function isOk(code) {
  return wasm.wsclose_is_ok(checkCode(code)) === 1;
}

/** The reconnect advice number (see `Reconnect`) for a close code. */
export function reconnect(code) {
  return wasm.wsclose_reconnect(checkCode(code));
}

/** The standard name of `code` (1000–1015), or null. */
export function name(code) {
  checkCode(code);
  return stringAt(wasm.wsclose_name_ptr(code), wasm.wsclose_name_len(code));
}

/** The constant name of `code` (e.g. "GOING_AWAY"), or null. */
export function constName(code) {
  checkCode(code);
  return stringAt(wasm.wsclose_const_name_ptr(code), wasm.wsclose_const_name_len(code));
}

/** What `code` means, in a sentence or two. */
export function description(code) {
  checkCode(code);
  return stringAt(wasm.wsclose_description_ptr(code), wasm.wsclose_description_len(code));
}

function checkCategory(category) {
  if (typeof category !== 'number') {
    throw new TypeError(`wsclose: category must be a number, got ${typeof category}`);
  }
  if (!Number.isInteger(category) || category < 0 || category > 5) {
    throw new RangeError(`wsclose: category must be an integer in 0..5, got ${category}`);
  }
  return category;
}

/** A short label for a category number, e.g. "private use". */
export function categoryLabel(category) {
  checkCategory(category);
  return stringAt(wasm.wsclose_category_label_ptr(category), wasm.wsclose_category_label_len(category));
}

/** The constant name of a category number, e.g. "OUT_OF_RANGE". */
export function categoryName(category) {
  checkCategory(category);
  return stringAt(
    wasm.wsclose_category_const_name_ptr(category),
    wasm.wsclose_category_const_name_len(category),
  );
}

/** Everything wsclose knows about one code. */
export function info(code) {
  checkCode(code);
  return Object.freeze({
    code,
    category: wasm.wsclose_classify(code),
    name: stringAt(wasm.wsclose_name_ptr(code), wasm.wsclose_name_len(code)),
    description: stringAt(wasm.wsclose_description_ptr(code), wasm.wsclose_description_len(code)),
    sendable: wasm.wsclose_is_sendable(code) === 1,
    localOnly: wasm.wsclose_is_local_only(code) === 1,
    browserCloseable: wasm.wsclose_is_browser_closeable(code) === 1,
    ok: wasm.wsclose_is_ok(code) === 1,
    reconnect: wasm.wsclose_reconnect(code),
  });
}

/** The version of the wsclose core inside the module, e.g. "0.1.0". */
export const version = stringAt(wasm.wsclose_version_ptr(), wasm.wsclose_version_len());

/**
 * A Close payload that breaks the protocol (from `parseClosePayload`) or cannot be built (from
 * `encodeClosePayload`). `kind` is the error name ("ONE_BYTE", "TOO_LONG", "INVALID_CODE",
 * "INVALID_UTF8", "REASON_TOO_LONG"); `closeCode` is the code to answer the peer with (1002, or
 * 1007 for bad UTF-8) after a parse, and 0 after an encode.
 */
export class ClosePayloadError extends Error {
  constructor(kind, closeCode, message) {
    super(message);
    this.name = 'ClosePayloadError';
    this.kind = kind;
    this.closeCode = closeCode;
  }
}

function kindName(result) {
  return stringAt(wasm.wsclose_error_kind_name_ptr(-result), wasm.wsclose_error_kind_name_len(-result));
}

function toBytes(payload) {
  if (payload instanceof Uint8Array) return payload;
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  if (ArrayBuffer.isView(payload)) {
    return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  }
  throw new TypeError('wsclose: payload must be a Uint8Array, an ArrayBuffer or a typed array view');
}

/**
 * Decodes a Close frame payload: `{ code, reason }` (code 1005 and reason "" for an empty
 * payload), or throws `ClosePayloadError` carrying the code to close the connection with.
 */
export function parseClosePayload(payload) {
  const bytes = toBytes(payload);
  // Longer than the buffer is too long whatever the content; the module decides from the length.
  const len = Math.min(bytes.length, BUFFER_CAPACITY);
  bytesAt(BUFFER, len).set(bytes.subarray(0, len));
  const result = wasm.wsclose_parse_close_payload(len);
  const code = wasm.wsclose_last_code();
  if (result !== 0) {
    const kind = kindName(result);
    throw new ClosePayloadError(kind, code, `wsclose: invalid close payload (${kind}); close with ${code}`);
  }
  const reasonBytes = bytesAt(wasm.wsclose_last_reason_ptr(), wasm.wsclose_last_reason_len());
  return Object.freeze({ code, reason: reasonBytes.length === 0 ? '' : decoder.decode(reasonBytes) });
}

/**
 * Builds a Close frame payload from a sendable code and a reason (a string, encoded as UTF-8, or
 * the UTF-8 bytes), at most 123 bytes. Throws `ClosePayloadError` (closeCode 0) when the code may
 * not be sent or the reason is too long or not UTF-8.
 */
export function encodeClosePayload(code, reason = '') {
  checkCode(code);
  let bytes;
  if (typeof reason === 'string') {
    bytes = encoder.encode(reason);
  } else if (reason instanceof Uint8Array) {
    bytes = reason;
  } else {
    throw new TypeError('wsclose: reason must be a string or a Uint8Array');
  }
  const len = Math.min(bytes.length, BUFFER_CAPACITY);
  bytesAt(BUFFER, len).set(bytes.subarray(0, len));
  const result = wasm.wsclose_encode_close_payload(code, bytes.length);
  if (result < 0) {
    const kind = kindName(result);
    throw new ClosePayloadError(kind, 0, `wsclose: cannot encode a close payload for ${code} (${kind})`);
  }
  return bytesAt(OUTPUT, result).slice();
}
