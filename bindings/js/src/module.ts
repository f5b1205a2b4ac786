// The WebAssembly module and what every other file of the package shares: loading, the scratch
// area in linear memory, and the conversions of JavaScript values to C arguments and of C
// results to exceptions. The module is the C ABI crate (ffi-c, the same `wsclose_*` functions as
// libwsclose and include/wsclose.h) compiled to wasm32; this package decides nothing itself.
import { MAX_CLOSE_PAYLOAD, PAYLOAD_ERROR_KINDS, type PayloadErrorKind } from './generated.js';
import { WASM32 } from './abi.generated.js';

/**
 * The raw exports of wsclose.wasm: the C ABI of include/wsclose.h with wasm32 types (pointers and
 * `size_t` are `i32` addresses in `memory`, flags are 0/1, `uint64_t` and `int64_t` bigints). The arguments are
 * not converted or checked here; prefer the functions of this package.
 */
export interface WsCloseExports {
  readonly memory: WebAssembly.Memory;
  wsclose_classify(code: number): number;
  wsclose_classify_many(codes: number, out: number, count: number): number;
  wsclose_is_sendable(code: number): number;
  wsclose_is_local_only(code: number): number;
  wsclose_is_browser_closeable(code: number): number;
  wsclose_is_ok(code: number): number;
  wsclose_reconnect(code: number): number;
  wsclose_name(code: number): number;
  wsclose_const_name(code: number): number;
  wsclose_description(code: number): number;
  wsclose_info(code: number, out: number): number;
  wsclose_category_label(category: number): number;
  wsclose_reconnect_label(advice: number): number;
  wsclose_parse_close_payload(payload: number, len: number, codeOut: number, reasonOut: number, reasonLenOut: number): number;
  wsclose_encode_close_payload(code: number, reason: number, reasonLen: number, out: number, outCap: number, outLen: number): number;
  wsclose_encode_close_payload_utf16(code: number, reason: number, reasonUnits: number, out: number, outCap: number, outLen: number): number;
  wsclose_result_close_code(result: number): number;
  wsclose_result_message(result: number): number;
  wsclose_version(): number;
  wsclose_profile_count(): number;
  wsclose_profile_name(profile: number): number;
  wsclose_profile_by_name(name: number, len: number): number;
  wsclose_profile_by_subprotocol(token: number, len: number): number;
  wsclose_profile_advice(profile: number, code: number): number;
  wsclose_profile_code_name(profile: number, code: number): number;
  wsclose_profile_code_description(profile: number, code: number): number;
  wsclose_advice_label(advice: number): number;
  wsclose_profile_intent_range_count(profile: number, intent: number): number;
  wsclose_profile_intent_range(profile: number, intent: number, index: number, firstOut: number, lastOut: number, adviceOut: number): number;
  wsclose_profile_check_intent(profile: number, code: number, intent: number, adviceOut: number, belowOut: number, aboveOut: number): number;
  wsclose_policy_init(out: number): number;
  wsclose_policy_set_profile(policy: number, profile: number): number;
  wsclose_policy_set_base_ms(policy: number, baseMs: bigint): number;
  wsclose_policy_set_cap_ms(policy: number, capMs: bigint): number;
  wsclose_policy_set_max_attempts(policy: number, maxAttempts: bigint): number;
  wsclose_policy_set_retry_unspecified(policy: number, retry: number): number;
  wsclose_policy_set_override(policy: number, code: number, advice: number): number;
  wsclose_policy_decide(policy: number, code: number, wasClean: number, attempt: number, random: bigint, delayMsOut: number): number;
  wsclose_policy_advice(policy: number, code: number, wasClean: number): number;
  wsclose_explain(code: number, wasClean: number, causesOut: number, cap: number): number;
  wsclose_cause_const_name(cause: number): number;
  wsclose_cause_summary(cause: number): number;
  wsclose_cause_check(cause: number): number;
  wsclose_browser_close_event(engine: number, payload: number, len: number, received: number, out: number): number;
  wsclose_browser_close(engine: number, hasCode: number, code: number, hasReason: number, reason: number, reasonUnits: number,
    codeOut: number, hasCodeOut: number, reasonOut: number, reasonCap: number, reasonLenOut: number): number;
}

/** What `loadWasm` instantiates: a URL (or its string), or the module's bytes. */
export type WasmSource = URL | string | BufferSource;

// The Node.js module is named by a variable, so that bundlers for browsers leave it alone.
const NODE_FS = 'node:fs/promises';

async function instantiate(bytes: BufferSource): Promise<WsCloseExports> {
  const { instance } = await WebAssembly.instantiate(bytes, {});
  return instance.exports as unknown as WsCloseExports;
}

/**
 * Instantiates wsclose.wasm and returns its raw exports: from its bytes, or from a URL (a `file:`
 * URL is read with `node:fs`, anything else fetched, streamed when served as application/wasm).
 * The package itself loads the module that sits next to it.
 */
export async function loadWasm(source: WasmSource = new URL('./wsclose.wasm', import.meta.url)): Promise<WsCloseExports> {
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return instantiate(source as BufferSource);
  }
  const url = new URL(source);
  if (url.protocol === 'file:') {
    const fs = (await import(NODE_FS)) as { readFile(path: URL): Promise<Uint8Array<ArrayBuffer>> };
    return instantiate(await fs.readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`wsclose: cannot load ${url.href}: HTTP ${response.status}`);
  }
  if (typeof WebAssembly.instantiateStreaming === 'function' &&
      (response.headers.get('content-type') ?? '').startsWith('application/wasm')) {
    const { instance } = await WebAssembly.instantiateStreaming(response, {});
    return instance.exports as unknown as WsCloseExports;
  }
  return instantiate(await response.arrayBuffer());
}

/** The raw exports of the module loaded from next to this package (C ABI, wasm32 types). */
export const wasm: WsCloseExports = await loadWasm();

// ---------------------------------------------------------------------------------------------
// Linear memory: a scratch area this package owns, for the C functions' pointer arguments.
// `memory.grow` hands out fresh pages that nothing in the module uses (ffi-c never allocates),
// so the scratch area is simply the pages grown for it. Byte offsets in it, 8-aligned:
const PAGE = 65536;
const align8 = (n: number): number => (n + 7) & ~7;
/** uint16_t: a code out. */
export const CODE_OUT = 0;
/** const uint8_t *: the reason out of wsclose_parse_close_payload. */
export const REASON_OUT = 4;
/** The three 32-bit outs of the intent calls, at CODE_OUT, REASON_OUT and REASON_LEN_OUT: a
 * range's first, last and advice; a check's advice, below and above. */
export const INTENT_OUTS = [0, 4, 8] as const;
/** size_t: a reason's length out. */
export const REASON_LEN_OUT = 8;
/** size_t: the encoded payload's length out. */
export const OUT_LEN = 12;
/** uint8_t[MAX_CLOSE_PAYLOAD]: the encoded payload, or a reason out. */
export const OUT = 16;
/** uint8_t: wsclose_browser_close's has_code_out. */
export const HAS_CODE_OUT = align8(OUT + MAX_CLOSE_PAYLOAD);
/** uint64_t: wsclose_policy_decide's delay_ms_out. */
export const DELAY_OUT = HAS_CODE_OUT + 8;
/** struct wsclose_policy (its size and alignment from the generated wasm32 layout). */
export const POLICY_AT = align8(DELAY_OUT + 8);
/** struct wsclose_close_event. */
export const EVENT_AT = align8(POLICY_AT + WASM32.wsclose_policy.size);
/** The input: a payload, a reason, codes passed in, or the causes written out. */
export const INPUT = align8(EVENT_AT + WASM32.wsclose_close_event.size);
if (WASM32.wsclose_policy.align > 8 || WASM32.wsclose_close_event.align > 8) {
  throw new Error('wsclose: a struct of the C ABI needs more than 8-byte alignment');
}

let scratch = 0;
let scratchSize = 0;

/** The scratch area's address, with room for `inputBytes` at INPUT (grown when needed). */
export function reserve(inputBytes: number): number {
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

/** The module's memory as bytes; made after each call that may grow it (it is cheap). */
export const bytes = (): Uint8Array => new Uint8Array(wasm.memory.buffer);
/** The module's memory as a DataView (little-endian reads, as wasm is). */
export const view = (): DataView => new DataView(wasm.memory.buffer);

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A static NUL-terminated string of the module, or null for a NULL pointer. */
export function cString(ptr: number): string | null {
  if (ptr === 0) return null;
  const memory = bytes();
  const start = ptr >>> 0;
  return decoder.decode(memory.subarray(start, memory.indexOf(0, start)));
}

/** `len` bytes of UTF-8 at `ptr` (the core has checked them). */
export function utf8At(ptr: number, len: number): string {
  return len === 0 ? '' : decoder.decode(bytes().subarray(ptr, ptr + len));
}

/**
 * An input cut to at most `limit + 1` items, for a function of the core that refuses any input
 * longer than `limit` by its length alone: the first `limit + 1` items get the same answer as the
 * whole input, and the scratch area (which never shrinks) is not grown to hold the rest.
 */
export function capBytes(input: Uint8Array, limit: number): Uint8Array {
  return input.length > limit + 1 ? input.subarray(0, limit + 1) : input;
}

/** A string cut to at most `limit + 1` UTF-16 code units (see capBytes): each unit is at least one UTF-8 byte. */
export function capUnits(text: string, limit: number): string {
  return text.length > limit + 1 ? text.slice(0, limit + 1) : text;
}

/** Bytes into the scratch input area; returns their address. */
export function putBytes(input: Uint8Array): number {
  const base = reserve(input.length);
  bytes().set(input, base + INPUT);
  return base + INPUT;
}

/** A string's UTF-16 code units into the scratch input area (lone surrogates kept); returns their address. */
export function putUnits(text: string): number {
  const base = reserve(text.length * 2);
  const units = new Uint16Array(wasm.memory.buffer, base + INPUT, text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return base + INPUT;
}

// ---------------------------------------------------------------------------------------------
// Errors

const KIND_OF_RESULT = new Map<number, PayloadErrorKind>(
  (Object.keys(PAYLOAD_ERROR_KINDS) as PayloadErrorKind[]).map((kind) => [PAYLOAD_ERROR_KINDS[kind].result, kind]),
);

/** The results whose kind carries the status code (a fact generated from the core). */
export const CARRIES_CODE: ReadonlySet<number> = new Set(
  Object.values(PAYLOAD_ERROR_KINDS).filter((kind) => kind.carriesCode).map((kind) => kind.result),
);

/**
 * The key to this package's own constructors (PayloadError, Profile): not exported from the
 * package, so their declarations tell a TypeScript user they are not for constructing.
 */
export const INTERNAL: unique symbol = Symbol('wsclose internal');

/**
 * A Close payload that breaks the protocol (from `parseClosePayload`), or a code and reason that
 * cannot be encoded (from `encodeClosePayload`). The message is the core's fixed message.
 */
export class PayloadError extends Error {
  override readonly name = 'PayloadError' as const;
  /** Which rule was broken, e.g. "INVALID_UTF8". */
  readonly kind: PayloadErrorKind;
  /** The stable C result number (`wsclose_result`, e.g. -104). */
  readonly result: number;
  /** The code to answer the peer with (1002, or 1007 for bad UTF-8); null for the kinds only encoding reports. */
  readonly closeCode: number | null;
  /** The code the payload carried or was to carry; null when parsing stopped before it. */
  readonly code: number | null;

  /** Thrown by this package, never constructed by its users. */
  constructor(key: typeof INTERNAL, kind: PayloadErrorKind, result: number, closeCode: number | null, code: number | null, message: string) {
    super(message);
    if (key !== INTERNAL) throw new TypeError('wsclose: PayloadError is thrown by wsclose, not constructed');
    this.kind = kind;
    this.result = result;
    this.closeCode = closeCode;
    this.code = code;
  }
}

/** The core's fixed message for a result number. */
export function resultMessage(result: number): string {
  return cString(wasm.wsclose_result_message(result)) ?? `result ${result}`;
}

/** The exception for a non-zero C result (a PayloadError for a payload error kind). */
export function failure(result: number, code: number | null): Error {
  const kind = KIND_OF_RESULT.get(result);
  const message = resultMessage(result);
  if (kind === undefined) {
    return new Error(`wsclose: unexpected result ${result} (${message})`);
  }
  // `wsclose_result_close_code` answers 0 for the kinds that have no answer code.
  const closeCode = wasm.wsclose_result_close_code(result);
  return new PayloadError(INTERNAL, kind, result, closeCode === 0 ? null : closeCode, code, message);
}

// ---------------------------------------------------------------------------------------------
// Converting JavaScript values to C arguments: type and range only, never a rule of the core.

/** A value as an error message shows it: `'1000'`, `1000n`, `Symbol(c)`, `{ code: 1000 }`. */
export function describe(value: unknown, depth = 0): string {
  switch (typeof value) {
    case 'string': return depth === 0 || value.length < 40 ? `'${value}'` : `'${value.slice(0, 37)}...'`;
    case 'bigint': return `${value}n`;
    case 'symbol': return value.toString();
    case 'function': return `[Function ${value.name || '(anonymous)'}]`;
    case 'object': {
      if (value === null) return 'null';
      if (depth > 0) return Array.isArray(value) ? '[Array]' : '[Object]';
      if (Array.isArray(value)) return `[ ${value.slice(0, 8).map((item) => describe(item, 1)).join(', ')}${value.length > 8 ? ', ...' : ''} ]`;
      const entries = Object.entries(value).slice(0, 8).map(([key, item]) => `${key}: ${describe(item, 1)}`);
      return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
    }
    default: return String(value);
  }
}

/** A number that is an integer in 0..65535 (`uint16_t`), else TypeError/RangeError. */
export function toCode(code: unknown): number {
  if (typeof code !== 'number') {
    throw new TypeError(`wsclose: a close code must be a number, got ${describe(code)}`);
  }
  if (!Number.isInteger(code) || code < 0 || code > 0xffff) {
    throw new RangeError(`wsclose: a close code must be an integer in 0..65535, got ${describe(code)}`);
  }
  return code;
}

/** A number that is an integer in 0..2^32-1 (`uint32_t`), else TypeError/RangeError. */
export function toU32(value: unknown, what: string): number {
  if (typeof value !== 'number') {
    throw new TypeError(`wsclose: ${what} must be a number, got ${describe(value)}`);
  }
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`wsclose: ${what} must be an integer in 0..4294967295, got ${describe(value)}`);
  }
  return value;
}

const U64_LIMIT = 1n << 64n;

/** A safe non-negative integer or a bigint in 0..2^64-1 (`uint64_t`), as a bigint. */
export function toU64(value: unknown, what: string): bigint {
  if (typeof value === 'bigint') {
    if (value < 0n || value >= U64_LIMIT) {
      throw new RangeError(`wsclose: ${what} must be from 0 to 2^64-1, got ${value}`);
    }
    return value;
  }
  if (typeof value !== 'number') {
    throw new TypeError(`wsclose: ${what} must be a number or a bigint, got ${describe(value)}`);
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`wsclose: ${what} must be a non-negative safe integer (or a bigint), got ${describe(value)}`);
  }
  return BigInt(value);
}

/** A boolean, else TypeError. */
export function toBoolean(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') {
    throw new TypeError(`wsclose: ${what} must be a boolean, got ${describe(value)}`);
  }
  return value;
}

/** Bytes of a Uint8Array, an ArrayBuffer or any typed array view, else TypeError. */
export function toBytes(payload: unknown): Uint8Array {
  if (payload instanceof Uint8Array) return payload;
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  if (ArrayBuffer.isView(payload)) {
    return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  }
  throw new TypeError('wsclose: a payload must be a Uint8Array, an ArrayBuffer or a typed array view');
}

/**
 * A string's code units as WTF-8 (UTF-8 that also spells lone surrogates), for the C functions
 * that take names: the core compares the bytes, so a lone surrogate matches nothing instead of
 * being replaced.
 */
export function wtf8(text: string): Uint8Array {
  const out: number[] = [];
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
