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
import {
  Cause, Engine, MAX_CLOSE_PAYLOAD, MAX_REASON_LEN, PAYLOAD_ERROR_KINDS, POLICY_MAX_OVERRIDES, PROFILES,
} from './generated.mjs';

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
const OUT = 16; //          uint8_t[MAX_CLOSE_PAYLOAD] the encoded payload; wsclose_browser_close: reason_out
const HAS_CODE_OUT = (OUT + MAX_CLOSE_PAYLOAD + 7) & ~7; // bool  wsclose_browser_close: has_code_out
const DELAY_OUT = HAS_CODE_OUT + 8; // uint64_t   wsclose_policy_decide: delay_ms_out
const POLICY = DELAY_OUT + 8; //      struct wsclose_policy (64 bytes in wasm32, 8-aligned)
const EVENT = POLICY + 64; //         struct wsclose_close_event (24 bytes in wasm32)
const INPUT = EVENT + 24; // the payload, reason, codes passed in, or the causes written out

// struct wsclose_policy in wasm32 (repr(C): u64 fields 8-aligned, size_t and pointers 4 bytes).
const POLICY_PROFILE = 0; //          int32_t
const POLICY_BASE_MS = 8; //          uint64_t
const POLICY_CAP_MS = 16; //          uint64_t
const POLICY_MAX_ATTEMPTS = 24; //    uint32_t
const POLICY_HAS_MAX = 28; //         bool
const POLICY_RETRY_UNSPEC = 29; //    bool
const POLICY_OVERRIDE_COUNT = 32; //  uint32_t
const POLICY_OVERRIDE_CODES = 36; //  uint16_t[POLICY_MAX_OVERRIDES]
const POLICY_OVERRIDE_ADVICE = POLICY_OVERRIDE_CODES + 2 * POLICY_MAX_OVERRIDES; // uint8_t[...]
// struct wsclose_close_event in wasm32.
const EVENT_CODE = 0; //              uint16_t
const EVENT_WAS_CLEAN = 2; //         bool
const EVENT_ERROR_FIRED = 3; //       bool
const EVENT_REASON = 4; //            const uint8_t *
const EVENT_REASON_LEN = 8; //        size_t
const EVENT_REPLY_KIND = 12; //       uint8_t
const EVENT_REPLY_CODE = 14; //       uint16_t
const EVENT_REPLY_REASON = 16; //     const uint8_t *
const EVENT_REPLY_REASON_LEN = 20; // size_t

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

// ---------------------------------------------------------------------------------------------
// Result numbers of the C ABI's own functions (`wsclose_result` in include/wsclose.h, a stable
// block the core does not number): an unknown profile, and the page's `close()` throwing.
// test/browser.test.mjs checks each against `wsclose_result_message`.
const RESULT_UNKNOWN_PROFILE = -203;
const DOM_EXCEPTION_OF_RESULT = new Map([[-301, 'InvalidAccessError'], [-302, 'SyntaxError']]);

function toBoolean(value, what) {
  if (typeof value !== 'boolean') {
    throw new TypeError(`wsclose: ${what} must be a boolean, got ${typeof value}`);
  }
  return value;
}

const U64_LIMIT = 1n << 64n;

/** A safe non-negative integer or a bigint in 0..2^64-1 (`uint64_t`), as a bigint. */
function toU64(value, what) {
  if (typeof value === 'bigint') {
    if (value < 0n || value >= U64_LIMIT) {
      throw new RangeError(`wsclose: ${what} must be from 0 to 2^64-1, got ${value}`);
    }
    return value;
  }
  if (typeof value !== 'number') {
    throw new TypeError(`wsclose: ${what} must be a number or a bigint, got ${typeof value}`);
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`wsclose: ${what} must be a non-negative safe integer (or a bigint), got ${value}`);
  }
  return BigInt(value);
}

/** Bytes into the scratch input area; returns their address (0 and nothing copied when empty). */
function putBytes(input) {
  const base = reserve(input.length);
  bytes().set(input, base + INPUT);
  return base + INPUT;
}

/**
 * A string's code units as WTF-8 (UTF-8 that also spells lone surrogates), for the C functions
 * that take names: the core compares the bytes, so a lone surrogate matches nothing instead of
 * being replaced.
 */
function wtf8(text) {
  const out = [];
  for (let i = 0; i < text.length; i++) {
    let unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
      unit = 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00);
      i++;
    }
    if (unit < 0x80) out.push(unit);
    else if (unit < 0x800) out.push(0xc0 | (unit >> 6), 0x80 | (unit & 0x3f));
    else if (unit < 0x10000) out.push(0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f));
    else out.push(0xf0 | (unit >> 18), 0x80 | ((unit >> 12) & 0x3f), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f));
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------------------------
// Profiles

const PROFILE_INDEX = new WeakMap();
let creating = false;

function profileIndex(profile) {
  const index = PROFILE_INDEX.get(profile);
  if (index === undefined) throw new TypeError('wsclose: not a Profile (use profileByName)');
  return index;
}

/**
 * The close-code conventions of one protocol over WebSocket (Discord's gateway, graphql-ws, …):
 * what its clients do after each of the 65,536 codes. One object per profile, from `profiles()`,
 * `profileByName` or `profileBySubprotocol`.
 */
export class Profile {
  constructor(name, title, subprotocols) {
    if (!creating) throw new TypeError('wsclose: profiles come from profiles(), profileByName or profileBySubprotocol');
    /** The profile's name, e.g. "discord-gateway". */
    this.name = name;
    /** A human title, e.g. "Discord Gateway". */
    this.title = title;
    /** The Sec-WebSocket-Protocol tokens that select this profile (may be empty). */
    this.subprotocols = subprotocols;
    Object.freeze(this);
  }

  /** What this protocol's clients do after `code` (an `Advice` number). */
  advice(code) {
    const advice = wasm.wsclose_profile_advice(profileIndex(this), toCode(code));
    if (advice < 0) throw failure(advice, null);
    return advice;
  }

  /** The profile's own row for `code` ({ code, name, description, advice }), or null. */
  lookup(code) {
    const index = profileIndex(this);
    const name = cString(wasm.wsclose_profile_code_name(index, toCode(code)));
    if (name === null) return null;
    const description = cString(wasm.wsclose_profile_code_description(index, code));
    if (description === null) throw new Error(`wsclose: profile ${this.name} names ${code} but does not describe it`);
    return Object.freeze({ code, name, description, advice: this.advice(code) });
  }

  toString() {
    return this.name;
  }
}

const PROFILE_OBJECTS = (() => {
  const count = wasm.wsclose_profile_count();
  if (count !== PROFILES.length) {
    throw new Error(`wsclose: the module has ${count} profiles, the generated table ${PROFILES.length}`);
  }
  creating = true;
  try {
    return Object.freeze(PROFILES.map((facts, index) => {
      const name = cString(wasm.wsclose_profile_name(index));
      if (name !== facts.name) throw new Error(`wsclose: profile ${index} is ${name} in the module, ${facts.name} here`);
      const profile = new Profile(facts.name, facts.title, facts.subprotocols);
      PROFILE_INDEX.set(profile, index);
      return profile;
    }));
  } finally {
    creating = false;
  }
})();

/** Every profile, in name order. */
export function profiles() {
  return PROFILE_OBJECTS;
}

function findProfile(what, text, find) {
  if (typeof text !== 'string') throw new TypeError(`wsclose: ${what} must be a string, got ${typeof text}`);
  const input = wtf8(text);
  const index = find(putBytes(input), input.length);
  if (index === RESULT_UNKNOWN_PROFILE) return null;
  if (index < 0) throw failure(index, null);
  const profile = PROFILE_OBJECTS[index];
  if (profile === undefined) throw new Error(`wsclose: the module returned profile index ${index}`);
  return profile;
}

/** The profile called `name` (e.g. "discord-gateway"), or null. */
export function profileByName(name) {
  return findProfile('a profile name', name, wasm.wsclose_profile_by_name);
}

/** The profile a Sec-WebSocket-Protocol token selects (exact, case-sensitive; pass `ws.protocol`), or null. */
export function profileBySubprotocol(token) {
  return findProfile('a subprotocol', token, wasm.wsclose_profile_by_subprotocol);
}

/** The label of an advice number, e.g. "stop"; RangeError for a number with none. */
export function adviceLabel(advice) {
  const label = cString(wasm.wsclose_advice_label(toU32(advice, 'an advice')));
  if (label === null) throw new RangeError(`wsclose: not an advice: ${advice}`);
  return label;
}

// ---------------------------------------------------------------------------------------------
// The reconnect policy

/** The library's default policy, as JavaScript values. */
const POLICY_DEFAULTS = (() => {
  const base = reserve(0);
  const result = wasm.wsclose_policy_default(base + POLICY);
  if (result !== 0) throw failure(result, null);
  return readPolicy(base + POLICY);
})();

function readPolicy(at) {
  const memory = view();
  return {
    profile: memory.getInt32(at + POLICY_PROFILE, true),
    baseMs: memory.getBigUint64(at + POLICY_BASE_MS, true),
    capMs: memory.getBigUint64(at + POLICY_CAP_MS, true),
    maxAttempts: memory.getUint32(at + POLICY_MAX_ATTEMPTS, true),
    hasMaxAttempts: memory.getUint8(at + POLICY_HAS_MAX) !== 0,
    retryUnspecified: memory.getUint8(at + POLICY_RETRY_UNSPEC) !== 0,
    overrideCodes: [],
    overrideAdvice: [],
  };
}

function writePolicy(at, policy) {
  const memory = view();
  memory.setInt32(at + POLICY_PROFILE, policy.profile, true);
  memory.setBigUint64(at + POLICY_BASE_MS, policy.baseMs, true);
  memory.setBigUint64(at + POLICY_CAP_MS, policy.capMs, true);
  memory.setUint32(at + POLICY_MAX_ATTEMPTS, policy.maxAttempts, true);
  memory.setUint8(at + POLICY_HAS_MAX, policy.hasMaxAttempts ? 1 : 0);
  memory.setUint8(at + POLICY_RETRY_UNSPEC, policy.retryUnspecified ? 1 : 0);
  memory.setUint32(at + POLICY_OVERRIDE_COUNT, policy.overrideCodes.length, true);
  for (let i = 0; i < POLICY_MAX_OVERRIDES; i++) {
    memory.setUint16(at + POLICY_OVERRIDE_CODES + 2 * i, policy.overrideCodes[i] ?? 0, true);
    memory.setUint8(at + POLICY_OVERRIDE_ADVICE + i, policy.overrideAdvice[i] ?? 0);
  }
}

/** 64 random bits from the platform's cryptographic generator (`crypto.getRandomValues`). */
function secureRandom() {
  return globalThis.crypto.getRandomValues(new BigUint64Array(1))[0];
}

/**
 * A reconnect policy: exponential backoff with full jitter that follows a profile's fatal codes.
 * Options (each left out keeps the library's default): `profile` (a Profile or null), `baseMs`,
 * `capMs` (safe integers or bigints below 2^64), `maxAttempts` (an integer, or null for none),
 * `retryUnspecified` (boolean), `overrides` (a Map or an object: code → Advice number; at most
 * POLICY_MAX_OVERRIDES). Every decision is the core's (`wsclose_policy_decide`).
 */
export class ReconnectPolicy {
  #policy;
  #profile;

  constructor(options = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('wsclose: ReconnectPolicy takes an options object');
    }
    const policy = { ...POLICY_DEFAULTS, overrideCodes: [], overrideAdvice: [] };
    const profile = options.profile ?? null;
    if (profile !== null) policy.profile = profileIndex(profile);
    if (options.baseMs !== undefined) policy.baseMs = toU64(options.baseMs, 'baseMs');
    if (options.capMs !== undefined) policy.capMs = toU64(options.capMs, 'capMs');
    if (options.maxAttempts !== undefined && options.maxAttempts !== null) {
      policy.maxAttempts = toU32(options.maxAttempts, 'maxAttempts');
      policy.hasMaxAttempts = true;
    }
    if (options.retryUnspecified !== undefined) {
      policy.retryUnspecified = toBoolean(options.retryUnspecified, 'retryUnspecified');
    }
    if (options.overrides !== undefined) {
      const overrides = options.overrides;
      if (typeof overrides !== 'object' || overrides === null) {
        throw new TypeError('wsclose: overrides must be a Map or an object of code → Advice');
      }
      const entries = overrides instanceof Map
        ? [...overrides.entries()]
        : Object.entries(overrides).map(([code, advice]) => [Number(code), advice]);
      if (entries.length > POLICY_MAX_OVERRIDES) {
        throw new RangeError(`wsclose: a policy holds at most ${POLICY_MAX_OVERRIDES} overrides, got ${entries.length}`);
      }
      for (const [code, advice] of entries) {
        policy.overrideCodes.push(toCode(code));
        const number = toU32(advice, "an override's advice");
        if (number > 0xff) throw new RangeError(`wsclose: not an advice: ${advice}`);
        policy.overrideAdvice.push(number);
      }
    }
    Object.freeze(policy.overrideCodes);
    Object.freeze(policy.overrideAdvice);
    this.#policy = Object.freeze(policy);
    this.#profile = profile;
    // The library checks the rest (an advice number it does not know): ask it once now.
    const result = this.#call(0, true, 0, 0n);
    if (result < 0) {
      throw new RangeError(`wsclose: invalid reconnect policy: ${cString(wasm.wsclose_result_message(result))}`);
    }
  }

  #call(code, wasClean, attempt, random) {
    const base = reserve(0);
    writePolicy(base + POLICY, this.#policy);
    return wasm.wsclose_policy_decide(base + POLICY, code, wasClean ? 1 : 0, attempt, random, base + DELAY_OUT);
  }

  /** The profile it follows, or null. */
  get profile() { return this.#profile; }
  /** The backoff base in milliseconds (a bigint). */
  get baseMs() { return this.#policy.baseMs; }
  /** The backoff cap in milliseconds (a bigint). */
  get capMs() { return this.#policy.capMs; }
  /** The attempt limit, or null for none. */
  get maxAttempts() { return this.#policy.hasMaxAttempts ? this.#policy.maxAttempts : null; }
  /** Whether codes with unspecified advice are retried. */
  get retryUnspecified() { return this.#policy.retryUnspecified; }
  /** The overrides, code → advice (a new Map). */
  get overrides() {
    return new Map(this.#policy.overrideCodes.map((code, i) => [code, this.#policy.overrideAdvice[i]]));
  }

  /**
   * Stop or retry after a close with `code` (`wasClean` as the WebSocket reported it) when
   * `attempt` reconnect attempts were already made: `{ stop: true }` or `{ stop: false, delayMs,
   * delayMsExact }` (the u64 delay as a number, exact up to Number.MAX_SAFE_INTEGER, and as a
   * bigint). `random` (called once, only for a retry) returns a bigint in 0..2^64-1; by default
   * 64 bits of `crypto.getRandomValues`.
   */
  decide(code, wasClean, attempt, random = secureRandom) {
    toCode(code);
    toBoolean(wasClean, 'wasClean');
    toU32(attempt, 'attempt');
    if (typeof random !== 'function') throw new TypeError('wsclose: random must be a function returning a bigint');
    // Whether to stop does not depend on the random number, so ask first and draw only to retry.
    let result = this.#call(code, wasClean, attempt, 0n);
    if (result === 1) {
      const bits = random();
      if (typeof bits !== 'bigint') throw new TypeError(`wsclose: random() must return a bigint, got ${typeof bits}`);
      result = this.#call(code, wasClean, attempt, toU64(bits, 'random()'));
    }
    if (result === 0) return Object.freeze({ stop: true });
    if (result !== 1) throw failure(result, null);
    const exact = view().getBigUint64(reserve(0) + DELAY_OUT, true);
    return Object.freeze({ stop: false, delayMs: Number(exact), delayMsExact: exact });
  }
}

// ---------------------------------------------------------------------------------------------
// explain

const CAUSE_COUNT = Object.keys(Cause).length;
const CAUSE_INFO = new Map();

function causeInfo(cause) {
  let info = CAUSE_INFO.get(cause);
  if (info === undefined) {
    const constName = cString(wasm.wsclose_cause_const_name(cause));
    const summary = cString(wasm.wsclose_cause_summary(cause));
    const check = cString(wasm.wsclose_cause_check(cause));
    if (constName === null || summary === null || check === null) {
      throw new Error(`wsclose: the module explained with an unknown cause ${cause}`);
    }
    info = Object.freeze({ cause, constName, summary, check });
    CAUSE_INFO.set(cause, info);
  }
  return info;
}

/**
 * Why a connection may have closed with `code`, as the receiving application saw it, and what to
 * check: `{ code, wasClean, causes: [{ cause, constName, summary, check }] }`, most likely cause
 * first. `wasClean` is `CloseEvent.wasClean`, or null/left out when not known.
 */
export function explain(code, wasClean = null) {
  toCode(code);
  const clean = wasClean === null ? -1 : toBoolean(wasClean, 'wasClean') ? 1 : 0;
  let cap = CAUSE_COUNT;
  let base = reserve(cap);
  let count = wasm.wsclose_explain(code, clean, base + INPUT, cap);
  if (count > cap) {
    cap = count;
    base = reserve(cap);
    count = wasm.wsclose_explain(code, clean, base + INPUT, cap);
  }
  if (count < 0) throw failure(count, null);
  const causes = Array.from(bytes().subarray(base + INPUT, base + INPUT + count), causeInfo);
  return Object.freeze({ code, wasClean, causes: Object.freeze(causes) });
}

// ---------------------------------------------------------------------------------------------
// The browser model

const ENGINES = new Set(Object.values(Engine));

/** One of the generated `Engine` numbers (`wsclose_engine`), else TypeError/RangeError. */
function toEngine(engine) {
  const number = toU32(engine, 'an engine');
  if (!ENGINES.has(number)) throw new RangeError(`wsclose: not an engine: ${engine}`);
  return number;
}

function utf8At(ptr, len) {
  return len === 0 ? '' : decoder.decode(bytes().subarray(ptr, ptr + len));
}

/**
 * What a page sees in `engine` when the server ends the connection with a Close frame whose
 * payload is `payload` (a Uint8Array), or (`payload` null) drops TCP without one:
 * `{ code, reason, wasClean, errorFired, reply }`, where `reply` is the Close frame the browser
 * sent back (`{ code, reason }`, `code` null for an empty Close) or null when it sent none.
 */
export function closeEvent(engine, payload) {
  const engineNumber = toEngine(engine);
  if (payload !== null && !(payload instanceof Uint8Array)) {
    throw new TypeError('wsclose: a close payload must be a Uint8Array or null');
  }
  const input = payload ?? new Uint8Array(0);
  const at = putBytes(input);
  const base = reserve(input.length);
  const result = wasm.wsclose_browser_close_event(engineNumber, at, input.length, payload === null ? 1 : 0, base + EVENT);
  if (result !== 0) throw failure(result, null);
  const memory = view();
  const event = base + EVENT;
  const replyKind = memory.getUint8(event + EVENT_REPLY_KIND);
  let reply = null;
  if (replyKind === 1) {
    reply = Object.freeze({ code: null, reason: '' });
  } else if (replyKind === 2) {
    reply = Object.freeze({
      code: memory.getUint16(event + EVENT_REPLY_CODE, true),
      reason: utf8At(memory.getUint32(event + EVENT_REPLY_REASON, true), memory.getUint32(event + EVENT_REPLY_REASON_LEN, true)),
    });
  } else if (replyKind !== 0) {
    throw new Error(`wsclose: the module returned reply kind ${replyKind}`);
  }
  return Object.freeze({
    code: memory.getUint16(event + EVENT_CODE, true),
    reason: utf8At(memory.getUint32(event + EVENT_REASON, true), memory.getUint32(event + EVENT_REASON_LEN, true)),
    wasClean: memory.getUint8(event + EVENT_WAS_CLEAN) !== 0,
    errorFired: memory.getUint8(event + EVENT_ERROR_FIRED) !== 0,
    reply,
  });
}

/** A DOMException (the platform's own class where there is one) with the name a browser's close() throws. */
function domException(name, message) {
  if (typeof globalThis.DOMException === 'function') return new globalThis.DOMException(message, name);
  const error = new Error(message);
  error.name = name;
  return error;
}

/**
 * What a page's `ws.close(code, reason)` does in `engine`: the Close frame the browser sends
 * (`{ code, reason }`, `code` null for an empty Close), or it throws the `DOMException` the call
 * throws (`InvalidAccessError`, `SyntaxError`). `code` is any value a page may pass (undefined
 * when left out; others through ToNumber, so fractions, NaN and infinities reach the model as
 * they are); `reason` is undefined or converted with ToString, and its UTF-16 code units go to
 * the core (which replaces lone surrogates by U+FFFD, as the browser's USVString does).
 */
export function pageClose(engine, code, reason) {
  const engineNumber = toEngine(engine);
  const hasCode = code !== undefined;
  const number = hasCode ? +code : 0; // ToNumber, as WebIDL converts (throws for BigInt, Symbol)
  const hasReason = reason !== undefined;
  const text = hasReason ? `${reason}` : '';
  const base = reserve(text.length * 2);
  const units = new Uint16Array(wasm.memory.buffer, base + INPUT, text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  const result = wasm.wsclose_browser_close(
    engineNumber, hasCode ? 1 : 0, number, hasReason ? 1 : 0, base + INPUT, text.length,
    base + CODE_OUT, base + HAS_CODE_OUT, base + OUT, MAX_REASON_LEN, base + REASON_LEN_OUT);
  if (result !== 0) {
    const name = DOM_EXCEPTION_OF_RESULT.get(result);
    const message = cString(wasm.wsclose_result_message(result));
    if (name !== undefined) throw domException(name, message);
    throw failure(result, null);
  }
  const memory = view();
  const sentCode = memory.getUint8(base + HAS_CODE_OUT) !== 0 ? memory.getUint16(base + CODE_OUT, true) : null;
  return Object.freeze({ code: sentCode, reason: utf8At(base + OUT, memory.getUint32(base + REASON_LEN_OUT, true)) });
}
