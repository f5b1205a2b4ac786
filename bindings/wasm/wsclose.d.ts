// Types for wsclose.mjs: WebSocket close status codes through the wsclose core in WebAssembly.

/** Category numbers, the same as the C ABI's `wsclose_category`. */
export declare const Category: Readonly<{
  UNUSED: 0;
  STANDARD: 1;
  RESERVED: 2;
  REGISTERED: 3;
  PRIVATE: 4;
  OUT_OF_RANGE: 5;
}>;
export type Category = (typeof Category)[keyof typeof Category];

/** Reconnect advice numbers, the same as the C ABI's `wsclose_reconnect_advice`. */
export declare const Reconnect: Readonly<{
  NEVER: 0;
  BACKOFF: 1;
  APP_DEFINED: 2;
}>;
export type Reconnect = (typeof Reconnect)[keyof typeof Reconnect];

export declare const MAX_CLOSE_PAYLOAD: 125;
export declare const MAX_REASON_LEN: 123;

/** Everything wsclose knows about one code. */
export interface CodeInfo {
  readonly code: number;
  readonly category: Category;
  /** The standard name for 1000–1015, else null. */
  readonly name: string | null;
  readonly description: string;
  readonly sendable: boolean;
  readonly localOnly: boolean;
  readonly browserCloseable: boolean;
  readonly ok: boolean;
  readonly reconnect: Reconnect;
}

/** A decoded Close payload. */
export interface Close {
  /** The status code; 1005 when the payload was empty. */
  readonly code: number;
  readonly reason: string;
}

export type ClosePayloadErrorKind =
  | 'ONE_BYTE'
  | 'TOO_LONG'
  | 'INVALID_CODE'
  | 'INVALID_UTF8'
  | 'REASON_TOO_LONG';

/** Thrown by `parseClosePayload` and `encodeClosePayload`. */
export declare class ClosePayloadError extends Error {
  readonly name: 'ClosePayloadError';
  readonly kind: ClosePayloadErrorKind;
  /** After a parse: the code to close with (1002, or 1007 for bad UTF-8). After an encode: 0. */
  readonly closeCode: number;
}

/** The raw integer exports of wsclose.wasm. */
export interface WsCloseExports {
  readonly memory: WebAssembly.Memory;
  wsclose_classify(code: number): number;
  wsclose_is_sendable(code: number): number;
  wsclose_is_local_only(code: number): number;
  wsclose_is_browser_closeable(code: number): number;
  wsclose_is_ok(code: number): number;
  wsclose_reconnect(code: number): number;
  wsclose_name_ptr(code: number): number;
  wsclose_name_len(code: number): number;
  wsclose_const_name_ptr(code: number): number;
  wsclose_const_name_len(code: number): number;
  wsclose_description_ptr(code: number): number;
  wsclose_description_len(code: number): number;
  wsclose_category_label_ptr(category: number): number;
  wsclose_category_label_len(category: number): number;
  wsclose_category_const_name_ptr(category: number): number;
  wsclose_category_const_name_len(category: number): number;
  wsclose_error_kind_name_ptr(kind: number): number;
  wsclose_error_kind_name_len(kind: number): number;
  wsclose_version_ptr(): number;
  wsclose_version_len(): number;
  wsclose_buffer(): number;
  wsclose_buffer_capacity(): number;
  wsclose_output(): number;
  wsclose_parse_close_payload(len: number): number;
  wsclose_last_code(): number;
  wsclose_last_reason_ptr(): number;
  wsclose_last_reason_len(): number;
  wsclose_encode_close_payload(code: number, reasonLen: number): number;
}

/** Instantiates wsclose.wasm from a URL or its bytes and returns the raw exports. */
export declare function loadWasm(source?: URL | string | BufferSource): Promise<WsCloseExports>;
/** The raw exports of the module loaded from next to wsclose.mjs. */
export declare const wasm: WsCloseExports;
/** The version of the wsclose core inside the module. */
export declare const version: string;

/** The category of a close code. Throws TypeError for a non-number, RangeError outside 0..65535. */
export declare function classify(code: number): Category;
export declare function isSendable(code: number): boolean;
export declare function isLocalOnly(code: number): boolean;
export declare function isBrowserCloseable(code: number): boolean;
export declare function isOk(code: number): boolean;
export declare function reconnect(code: number): Reconnect;
export declare function name(code: number): string | null;
export declare function constName(code: number): string | null;
export declare function description(code: number): string;
export declare function categoryLabel(category: Category): string;
export declare function categoryName(category: Category): string;
export declare function info(code: number): CodeInfo;
/** Decodes a Close payload, or throws ClosePayloadError with the code to answer with. */
export declare function parseClosePayload(payload: Uint8Array | ArrayBuffer | ArrayBufferView): Close;
/** Builds a Close payload, or throws ClosePayloadError. */
export declare function encodeClosePayload(code: number, reason?: string | Uint8Array): Uint8Array;
