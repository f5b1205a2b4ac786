// explain: why a connection may have closed with a code, and what to check (core/src/explain.rs).
import { Cause } from './generated.js';
import { INPUT, bytes, cString, failure, reserve, toBoolean, toCode, wasm } from './module.js';

/** One likely cause of a close. */
export interface CauseInfo {
  readonly cause: Cause;
  /** The cause's constant name, e.g. "IDLE_TIMEOUT". */
  readonly constName: string;
  /** What happened, in a sentence. */
  readonly summary: string;
  /** What to check to confirm or rule out this cause. */
  readonly check: string;
}

/** The likely causes of a close, most likely first. */
export interface Explanation {
  readonly code: number;
  readonly wasClean: boolean | null;
  readonly causes: readonly CauseInfo[];
}

const CAUSE_COUNT = Object.keys(Cause).length;
const CAUSE_INFO = new Map<number, CauseInfo>();

function causeInfo(cause: number): CauseInfo {
  let found = CAUSE_INFO.get(cause);
  if (found === undefined) {
    const constName = cString(wasm.wsclose_cause_const_name(cause));
    const summary = cString(wasm.wsclose_cause_summary(cause));
    const check = cString(wasm.wsclose_cause_check(cause));
    if (constName === null || summary === null || check === null) {
      throw new Error(`wsclose: the module explained with an unknown cause ${cause}`);
    }
    found = Object.freeze({ cause: cause as Cause, constName, summary, check });
    CAUSE_INFO.set(cause, found);
  }
  return found;
}

/**
 * Why a connection may have closed with `code`, as the receiving application saw it, and what to
 * check, most likely cause first. `wasClean` is `CloseEvent.wasClean`, or null/left out when not known.
 */
export function explain(code: number, wasClean: boolean | null = null): Explanation {
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
