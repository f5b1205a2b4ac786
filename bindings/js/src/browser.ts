// The browser model: what a page sees in each engine when a connection closes, and what a page's
// `ws.close(code, reason)` does (core/src/browser.rs behind the C ABI).
import { Engine, MAX_CLOSE_PAYLOAD, MAX_REASON_LEN } from './generated.js';
import { RECEIVED, RESULT, WASM32 } from './abi.generated.js';
import {
  CODE_OUT, EVENT_AT, HAS_CODE_OUT, OUT, REASON_LEN_OUT, capBytes, capUnits, failure, putBytes, putUnits, reserve, resultMessage,
  toU32, utf8At, view, wasm,
} from './module.js';

/** A Close frame a browser sends: a code and a reason, or `code` null for an empty Close. */
export interface SentClose {
  readonly code: number | null;
  readonly reason: string;
}

/** What a page's close event says (and whether error fired first), and the browser's reply. */
export interface CloseEvent {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
  readonly errorFired: boolean;
  /** The Close frame the browser sent back, or null when it closed TCP without one. */
  readonly reply: SentClose | null;
}

/** The `name` of the DOMException a page's `ws.close()` throws. */
export type DomExceptionName = 'InvalidAccessError' | 'SyntaxError';

const DOM_EXCEPTION_OF_RESULT = new Map<number, DomExceptionName>([
  [RESULT.ERR_INVALID_ACCESS, 'InvalidAccessError'],
  [RESULT.ERR_SYNTAX, 'SyntaxError'],
]);

const ENGINES: ReadonlySet<number> = new Set(Object.values(Engine));

/** One of the generated `Engine` numbers (`wsclose_engine`), else TypeError/RangeError. */
function toEngine(engine: unknown): number {
  const number = toU32(engine, 'an engine');
  if (!ENGINES.has(number)) throw new RangeError(`wsclose: not an engine: ${number}`);
  return number;
}

const ev = WASM32.wsclose_close_event.offsets;

/**
 * What a page sees in `engine` when the server ends the connection with a Close frame whose
 * payload is `payload`, or (`payload` null) closes TCP (FIN) without one. A reset is `resetEvent`.
 */
export function closeEvent(engine: Engine, payload: Uint8Array | null): CloseEvent {
  const engineNumber = toEngine(engine);
  if (payload !== null && !(payload instanceof Uint8Array)) {
    throw new TypeError('wsclose: a close payload must be a Uint8Array or null');
  }
  const input = capBytes(payload ?? new Uint8Array(0), MAX_CLOSE_PAYLOAD); // longer: TOO_LONG by length alone
  return eventOf(engineNumber, input, payload === null ? RECEIVED.DROPPED : RECEIVED.PAYLOAD);
}

/**
 * What a page sees in `engine` when the server resets the TCP connection (RST) without a Close
 * frame: 1006, not clean; Firefox fires `error` first, Chromium does not.
 */
export function resetEvent(engine: Engine): CloseEvent {
  return eventOf(toEngine(engine), new Uint8Array(0), RECEIVED.RESET);
}

function eventOf(engineNumber: number, input: Uint8Array, received: number): CloseEvent {
  const ptr = putBytes(input);
  const event = reserve(input.length) + EVENT_AT;
  const result = wasm.wsclose_browser_close_event(engineNumber, ptr, input.length, received, event);
  if (result !== 0) throw failure(result, null);
  const memory = view();
  const replyKind = memory.getUint8(event + ev.reply_kind);
  let reply: SentClose | null = null;
  if (replyKind === 1) {
    reply = Object.freeze({ code: null, reason: '' });
  } else if (replyKind === 2) {
    reply = Object.freeze({
      code: memory.getUint16(event + ev.reply_code, true),
      reason: utf8At(memory.getUint32(event + ev.reply_reason, true), memory.getUint32(event + ev.reply_reason_len, true)),
    });
  } else if (replyKind !== 0) {
    throw new Error(`wsclose: the module returned reply kind ${replyKind}`);
  }
  return Object.freeze({
    code: memory.getUint16(event + ev.code, true),
    reason: utf8At(memory.getUint32(event + ev.reason, true), memory.getUint32(event + ev.reason_len, true)),
    wasClean: memory.getUint8(event + ev.was_clean) !== 0,
    errorFired: memory.getUint8(event + ev.error_fired) !== 0,
    reply,
  });
}

/** A DOMException (the platform's own class where there is one) with the name a browser's close() throws. */
function domException(name: DomExceptionName, message: string): Error {
  if (typeof globalThis.DOMException === 'function') return new globalThis.DOMException(message, name);
  const error = new Error(message);
  error.name = name;
  return error;
}

/**
 * What a page's `ws.close(code, reason)` does in `engine`: the Close frame the browser sends, or
 * it throws the `DOMException` the call throws (`InvalidAccessError`, `SyntaxError`). `code` is
 * any value a page may pass (undefined when left out; others through ToNumber, so fractions, NaN
 * and infinities reach the model as they are); `reason` is undefined or converted with ToString,
 * and its UTF-16 code units go to the core (which replaces lone surrogates by U+FFFD, as the
 * browser's USVString does).
 */
export function pageClose(engine: Engine, code?: unknown, reason?: unknown): SentClose {
  const engineNumber = toEngine(engine);
  const hasCode = code !== undefined;
  const number = hasCode ? +(code as number) : 0; // ToNumber, as WebIDL converts (throws for BigInt, Symbol)
  const hasReason = reason !== undefined;
  // Over MAX_REASON_LEN units is over as many UTF-8 bytes: SyntaxError by length alone.
  const text = capUnits(hasReason ? `${reason as string}` : '', MAX_REASON_LEN);
  const ptr = putUnits(text);
  const base = reserve(text.length * 2);
  const result = wasm.wsclose_browser_close(
    engineNumber, hasCode ? 1 : 0, number, hasReason ? 1 : 0, ptr, text.length,
    base + CODE_OUT, base + HAS_CODE_OUT, base + OUT, MAX_REASON_LEN, base + REASON_LEN_OUT);
  if (result !== 0) {
    const name = DOM_EXCEPTION_OF_RESULT.get(result);
    if (name !== undefined) throw domException(name, resultMessage(result));
    throw failure(result, null);
  }
  const memory = view();
  const sentCode = memory.getUint8(base + HAS_CODE_OUT) !== 0 ? memory.getUint16(base + CODE_OUT, true) : null;
  return Object.freeze({ code: sentCode, reason: utf8At(base + OUT, memory.getUint32(base + REASON_LEN_OUT, true)) });
}
