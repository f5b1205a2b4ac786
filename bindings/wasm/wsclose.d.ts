// Types for wsclose.mjs: WebSocket close status codes through the wsclose C ABI in WebAssembly.
// The constants and their types (CloseCode, Category, Reconnect, PayloadErrorKind, limits) are
// generated into generated.d.ts and re-exported here.
import type { Category, PayloadErrorKind, Reconnect } from './generated.js';

export * from './generated.js';

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

/** A decoded Close payload. */
export interface Close {
  /** The status code; 1005 when the payload was empty. */
  readonly code: number;
  readonly reason: string;
}

/** Thrown by `parseClosePayload` and `encodeClosePayload`; the message is the core's fixed message. */
export declare class PayloadError extends Error {
  readonly name: 'PayloadError';
  /** Which rule was broken, e.g. "INVALID_UTF8". */
  readonly kind: PayloadErrorKind;
  /** The code to answer the peer with (1002, or 1007 for bad UTF-8); null for the kinds only encoding reports. */
  readonly closeCode: number | null;
  /** The code the payload carried or was to carry; null when parsing stopped before it. */
  readonly code: number | null;
  /** The stable C result number (`wsclose_result`, e.g. -104). */
  readonly result: number;
  private constructor();
}

/**
 * The raw exports of wsclose.wasm: the C ABI of include/wsclose.h with wasm32 types (pointers and
 * `size_t` are `i32` addresses in `memory`, `bool` is 0/1). The arguments are not converted or
 * checked here; prefer the functions of this module.
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
}

/** Instantiates wsclose.wasm from a URL or its bytes and returns the raw exports. */
export declare function loadWasm(source?: URL | string | BufferSource): Promise<WsCloseExports>;
/** The raw exports of the module loaded from next to wsclose.mjs. */
export declare const wasm: WsCloseExports;

/** The category of a close code. Throws TypeError for a non-number, RangeError outside 0..65535. */
export declare function classify(code: number): Category;
/** The categories of many codes in one call. */
export declare function classifyMany(codes: Uint16Array | readonly number[]): Uint8Array;
export declare function isSendable(code: number): boolean;
export declare function isLocalOnly(code: number): boolean;
export declare function isBrowserCloseable(code: number): boolean;
export declare function isOk(code: number): boolean;
export declare function reconnect(code: number): Reconnect;
export declare function name(code: number): string | null;
export declare function constName(code: number): string | null;
export declare function description(code: number): string;
export declare function info(code: number): CodeInfo;
/** The label of a category, e.g. "private use". */
export declare function categoryLabel(category: Category): string;
/** The label of a reconnect advice, e.g. "app-defined". */
export declare function reconnectLabel(advice: Reconnect): string;
/** The version of the wsclose library inside the module, e.g. "0.1.0". */
export declare function version(): string;
/** Decodes a Close payload, or throws PayloadError with the code to answer with. */
export declare function parseClosePayload(payload: Uint8Array | ArrayBuffer | ArrayBufferView): Close;
/** Builds a Close payload (a string reason goes as UTF-16 code units, bytes as bytes), or throws PayloadError. */
export declare function encodeClosePayload(code: number, reason?: string | Uint8Array): Uint8Array;
