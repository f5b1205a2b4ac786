// One close code: its category, advice, names and the predicates (core/src/code.rs behind the C ABI).
import type { Category, Reconnect } from './generated.js';
import { INPUT, bytes, cString, failure, reserve, toCode, toU32, wasm } from './module.js';

/** Everything wsclose knows about one code. */
export interface CodeInfo {
  readonly code: number;
  readonly category: Category;
  readonly reconnect: Reconnect;
  /** May appear in a Close frame on the wire. */
  readonly sendable: boolean;
  /** Only ever reported locally, never sent. */
  readonly localOnly: boolean;
  /** A browser's `WebSocket.close(code)` accepts it. */
  readonly browserCloseable: boolean;
  /** Means the connection ended cleanly. */
  readonly ok: boolean;
  /** The standard or IANA name, else null. */
  readonly name: string | null;
  readonly description: string;
}

/** The category of a close code. Throws TypeError for a non-number, RangeError outside 0..65535. */
export function classify(code: number): Category {
  return wasm.wsclose_classify(toCode(code)) as Category;
}

/** Codes classified per call of classifyMany: 4096 codes and their categories fit in 12 KiB. */
const CLASSIFY_CHUNK = 4096;

/** The categories of many codes (a Uint16Array, or an array of numbers) in one call. */
export function classifyMany(codes: Uint16Array | readonly number[]): Uint8Array {
  let input: Uint16Array;
  if (codes instanceof Uint16Array) {
    input = codes;
  } else if (Array.isArray(codes)) {
    input = Uint16Array.from(codes as readonly unknown[], toCode);
  } else {
    throw new TypeError('wsclose: classifyMany takes a Uint16Array or an array of codes');
  }
  // In chunks, so that the scratch area (which never shrinks) stays small for any input.
  const out = new Uint8Array(input.length);
  for (let start = 0; start < input.length; start += CLASSIFY_CHUNK) {
    const chunk = input.subarray(start, start + CLASSIFY_CHUNK);
    const count = chunk.length;
    const base = reserve(count * 3);
    const codesPtr = base + INPUT;
    const outPtr = codesPtr + count * 2;
    new Uint16Array(wasm.memory.buffer, codesPtr, count).set(chunk);
    const result = wasm.wsclose_classify_many(codesPtr, outPtr, count);
    if (result !== 0) throw failure(result, null);
    out.set(bytes().subarray(outPtr, outPtr + count), start);
  }
  return out;
}

/** May `code` appear in a Close frame on the wire? */
export function isSendable(code: number): boolean {
  return wasm.wsclose_is_sendable(toCode(code)) !== 0;
}

/** Is `code` only ever reported locally (never sent)? */
export function isLocalOnly(code: number): boolean {
  return wasm.wsclose_is_local_only(toCode(code)) !== 0;
}

/** Does a browser's `WebSocket.close(code)` accept `code`? */
export function isBrowserCloseable(code: number): boolean {
  return wasm.wsclose_is_browser_closeable(toCode(code)) !== 0;
}

/** Did the connection end normally? */
export function isOk(code: number): boolean {
  return wasm.wsclose_is_ok(toCode(code)) !== 0;
}

/** The reconnect advice of a close code. */
export function reconnect(code: number): Reconnect {
  return wasm.wsclose_reconnect(toCode(code)) as Reconnect;
}

/** The standard or IANA name of `code` (e.g. "Going Away"), or null. */
export function name(code: number): string | null {
  return cString(wasm.wsclose_name(toCode(code)));
}

/** The constant name of `code` (e.g. "GOING_AWAY"), or null. */
export function constName(code: number): string | null {
  return cString(wasm.wsclose_const_name(toCode(code)));
}

/** What `code` means, in a sentence or two. */
export function description(code: number): string {
  const text = cString(wasm.wsclose_description(toCode(code)));
  if (text === null) throw new Error(`wsclose: the module has no description of ${code}`);
  return text;
}

/** A close event as a WebSocket reports it: a DOM CloseEvent, the `ws` package's, or any `{ code, reason?, wasClean? }`. */
export interface CloseEventLike {
  readonly code: number;
  readonly reason?: string | undefined;
  readonly wasClean?: boolean | undefined;
}

/** What `info` says about a close event: the code's info, and the event's reason and wasClean. */
export interface CloseInfo extends CodeInfo {
  readonly reason: string;
  /** The event's wasClean, or null when it has none. */
  readonly wasClean: boolean | null;
}

function codeInfo(code: number): CodeInfo {
  toCode(code);
  return Object.freeze({
    code,
    category: wasm.wsclose_classify(code) as Category,
    reconnect: wasm.wsclose_reconnect(code) as Reconnect,
    sendable: wasm.wsclose_is_sendable(code) !== 0,
    localOnly: wasm.wsclose_is_local_only(code) !== 0,
    browserCloseable: wasm.wsclose_is_browser_closeable(code) !== 0,
    ok: wasm.wsclose_is_ok(code) !== 0,
    name: cString(wasm.wsclose_name(code)),
    description: description(code),
  });
}

/**
 * Everything wsclose knows about one code; given a close event (`{ code, reason, wasClean }`, as
 * a DOM CloseEvent or the `ws` package's), the same plus the event's reason and wasClean.
 */
export function info(code: number): CodeInfo;
export function info(event: CloseEventLike): CloseInfo;
export function info(code: number | CloseEventLike): CodeInfo | CloseInfo {
  if (typeof code !== 'object' || code === null) return codeInfo(code);
  const event = code as { code?: unknown; reason?: unknown; wasClean?: unknown };
  const reason = event.reason ?? '';
  if (typeof reason !== 'string') throw new TypeError(`wsclose: a close event's reason must be a string, got ${typeof reason}`);
  const wasClean = event.wasClean ?? null;
  if (wasClean !== null && typeof wasClean !== 'boolean') {
    throw new TypeError(`wsclose: a close event's wasClean must be a boolean, got ${typeof wasClean}`);
  }
  return Object.freeze({ ...codeInfo(event.code as number), reason, wasClean });
}

/** The label of a category, e.g. "private use"; RangeError for a number with none. */
export function categoryLabel(category: Category): string {
  const label = cString(wasm.wsclose_category_label(toU32(category, 'a category')));
  if (label === null) throw new RangeError(`wsclose: not a category: ${category}`);
  return label;
}

/** The label of a reconnect advice, e.g. "app-defined"; RangeError for a number with none. */
export function reconnectLabel(advice: Reconnect): string {
  const label = cString(wasm.wsclose_reconnect_label(toU32(advice, 'a reconnect advice')));
  if (label === null) throw new RangeError(`wsclose: not a reconnect advice: ${advice}`);
  return label;
}

/** The version of the wsclose library inside the module, e.g. "0.1.0". */
export function version(): string {
  const text = cString(wasm.wsclose_version());
  if (text === null) throw new Error('wsclose: the module has no version');
  return text;
}
