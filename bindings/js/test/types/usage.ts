// Compiled (not run) by test/types.test.mjs with `tsc --noEmit --strict`: the .d.ts that tsc emits
// from src/ describes the package the way a TypeScript user meets it, and rejects what it should.
import {
  Category,
  CloseCode,
  MAX_CLOSE_PAYLOAD,
  PAYLOAD_ERROR_KINDS,
  PayloadError,
  Reconnect,
  categoryLabel,
  classify,
  classifyMany,
  encodeClosePayload,
  info,
  loadWasm,
  parseClosePayload,
  reconnectLabel,
  version,
  wasm,
  type Close,
  type CodeInfo,
  type PayloadErrorKind,
} from 'wsclose';
import * as R from 'wsclose';

const category: Category = classify(4000);
const isPrivate: boolean = category === Category.PRIVATE;
const four: 4 = Category.PRIVATE;
const normal: 1000 = CloseCode.NORMAL_CLOSURE;
const limit: 125 = MAX_CLOSE_PAYLOAD;
const label: string = categoryLabel(category);
const details: CodeInfo = info(1013);
const name: string | null = details.name;
const advice: Reconnect = details.reconnect;
const adviceLabel: string = reconnectLabel(advice);
const backoff: 1 = Reconnect.BACKOFF;
const categories: Uint8Array = classifyMany([1000, 4000]);
const payload: Uint8Array = encodeClosePayload(1000, 'bye');
const fromBytes: Uint8Array = encodeClosePayload(1000, new Uint8Array([0x62]));
const close: Close = parseClosePayload(payload);
const code: number = close.code;
const raw: number = wasm.wsclose_classify(1000);
const ready: Promise<unknown> = loadWasm(new URL('https://example.invalid/wsclose.wasm'));
const text: string = version();
const utf8Result: -104 = PAYLOAD_ERROR_KINDS.INVALID_UTF8.result;
const noAnswer: null = PAYLOAD_ERROR_KINDS.REASON_TOO_LONG.closeCode;

try {
  parseClosePayload(new Uint8Array([0x03]));
} catch (error) {
  if (error instanceof PayloadError) {
    const kind: PayloadErrorKind = error.kind;
    const answer: number | null = error.closeCode;
    const carried: number | null = error.code;
    const result: number = error.result;
    void [kind, answer, carried, result];
  }
}

// @ts-expect-error a code is a number, not a string
classify('4000');
// @ts-expect-error there is no category 6
const six: Category = 6;
// @ts-expect-error the info is read-only
details.ok = true;
// @ts-expect-error the reason is a string or bytes
encodeClosePayload(1000, 42);
// @ts-expect-error not an error kind
const badKind: PayloadErrorKind = 'NOPE';
// @ts-expect-error the answer code may be null
const answerCode: number = ({} as PayloadError).closeCode;
// @ts-expect-error PayloadError is thrown by the package, not constructed
new PayloadError();
// @ts-expect-error the name may be null
const notNull: string = details.name;
// @ts-expect-error a reconnect advice is a number, not its label
reconnectLabel('never');
// @ts-expect-error a payload is bytes
parseClosePayload('03e8');

void [isPrivate, four, normal, limit, label, name, advice, adviceLabel, backoff, categories, fromBytes, code, raw,
  ready, text, utf8Result, noAnswer, six, badKind, answerCode, notNull];

// Profiles, the reconnect policy, explain and the browser model.
{
  const p: R.Profile | null = R.profileByName('discord-gateway');
  const all: readonly R.Profile[] = R.profiles();
  const named: R.ProfileName = all[0]!.name;
  const stop: R.Advice = R.Advice.STOP;
  const zero: 0 = R.Advice.STOP;
  const row: R.ProfileCode | null = all[0]!.lookup(4004);
  const rowAdvice: R.Advice | undefined = row?.advice;
  const label: string = R.adviceLabel(all[0]!.advice(4004));
  const ranges: readonly R.IntentRange[] = all[0]!.codesFor(R.Intent.STOP);
  const miss: R.IntentMismatch | null = all[0]!.checkIntent(4401, R.Intent.RETRY);
  const instead: R.Advice | null | undefined = miss?.advice;
  const nearest: number | null | undefined = miss?.above;
  void ranges; void instead; void nearest;
  const max: 8 = R.POLICY_MAX_OVERRIDES;
  const policy = new R.ReconnectPolicy({
    profile: p,
    baseMs: 500,
    capMs: 2n ** 64n - 1n,
    maxAttempts: null,
    retryUnspecified: false,
    overrides: new Map([[4000, R.Advice.RETRY]]),
  });
  const decision: R.Decision = policy.decide(1006, false, 0, () => 0n);
  const delay: number = decision.stop ? 0 : decision.delayMs;
  const exact: bigint | null = decision.stop ? null : decision.delayMsExact;
  const base: bigint = policy.baseMs;
  const why: R.Explanation = R.explain(1006, false);
  const cause: R.Cause = why.causes[0]!.cause;
  const causeName: string = why.causes[0]!.constName;
  const event: R.CloseEvent = R.closeEvent(R.Engine.CHROMIUM, null);
  const reply: R.SentClose | null = event.reply;
  const resetError: boolean = R.resetEvent(R.Engine.FIREFOX).errorFired;
  const sent: R.SentClose = R.pageClose(R.Engine.FIREFOX, 999.5, 'bye');
  const none: R.SentClose = R.pageClose(R.Engine.FIREFOX);
  const engineName: 'chromium' | 'firefox' = R.ENGINE_NAMES[R.Engine.FIREFOX];
  const exceptionName: R.DomExceptionName = 'SyntaxError';
  // @ts-expect-error not a profile name
  const badName: R.ProfileName = 'discord';
  // @ts-expect-error the random source returns a bigint
  policy.decide(1006, false, 0, () => 0.5);
  // @ts-expect-error a decision to stop has no delay
  const noDelay: number = ({ stop: true } as R.Decision).delayMs;
  // @ts-expect-error profiles are not constructed
  new R.Profile();
  // @ts-expect-error an engine is its number
  R.closeEvent('chromium', null);
  // @ts-expect-error a reset has no payload
  R.resetEvent(R.Engine.FIREFOX, null);
  // @ts-expect-error there is no advice 4
  const four: R.Advice = 4;
  // @ts-expect-error wasClean is a boolean
  R.explain(1006, 0);
  void [p, named, stop, zero, rowAdvice, label, max, delay, exact, base, cause, causeName, reply, resetError, sent, none, engineName,
    exceptionName, badName, noDelay, four];
}

// The reconnecting client (wsclose/reconnect, also exported from wsclose) and info() of a close event.
{
  const closeInfo: R.CloseInfo = info({ code: 1001, reason: 'bye', wasClean: true });
  const clean: boolean | null = closeInfo.wasClean;
  const fromDom: R.CloseInfo = info(new CloseEvent('close', { code: 1000 }));
  // @ts-expect-error a code's info has no reason: only an event's has
  const noReason: string = info(1000).reason;
  void [clean, fromDom, noReason];
}
import {
  ReconnectingWebSocket, type GiveUpEvent, type ReconnectDecision, type ReconnectEvent, type SocketCloseEvent,
} from 'wsclose/reconnect';
{
  // The DOM's WebSocket class fits the WebSocket option, as the `ws` package's does.
  const socket = new ReconnectingWebSocket('wss://example.invalid', ['graphql-transport-ws'], {
    WebSocket,
    profile: 'centrifuge',
    baseMs: 100,
    capMs: 10_000n,
    maxAttempts: 10,
    overrides: { 4000: R.Advice.STOP },
    connectionTimeout: 2000,
    maxEnqueuedMessages: 100,
    engine: 'firefox',
    random: () => 0n,
    decide: (proposed: ReconnectDecision, event: SocketCloseEvent, why: R.Explanation) =>
      event.code === 4001 && why.causes.length > 0 ? { reconnect: proposed.reconnect, delayMs: 0 } : undefined,
  });
  const lazy = new ReconnectingWebSocket(async () => 'wss://example.invalid', undefined, { startClosed: true });
  socket.addEventListener('reconnect', (event) => {
    const e: ReconnectEvent = event;
    const delay: number | null = e.decision.delayMs;
    const advice: R.Advice = e.decision.advice;
    const code: number = e.closeEvent.code;
    const causes: readonly R.CauseInfo[] = e.explanation.causes;
    void [delay, advice, code, causes];
  });
  socket.ongiveup = (event: GiveUpEvent) => {
    const why: 'final' | 'max-attempts' | 'app' = event.reason;
    void why;
  };
  socket.onclose = (event) => {
    const clean: boolean = event.wasClean;
    void clean;
  };
  socket.onmessage = (event: MessageEvent) => void event.data;
  const queued: boolean = socket.send(new Uint8Array(1));
  const state: number = socket.readyState;
  const open: 1 = ReconnectingWebSocket.OPEN;
  socket.binaryType = 'arraybuffer';
  socket.close(1000, 'bye');
  lazy.reconnect();
  // @ts-expect-error a profile is a name of the generated list
  new ReconnectingWebSocket('wss://example.invalid', undefined, { profile: 'discord' });
  // @ts-expect-error the engine is a name
  new ReconnectingWebSocket('wss://example.invalid', undefined, { engine: 0 });
  // @ts-expect-error a decide hook returns an override or undefined
  new ReconnectingWebSocket('wss://example.invalid', undefined, { decide: () => true });
  // @ts-expect-error the reconnect event carries a decision, not a stop flag
  socket.addEventListener('reconnect', (event) => event.decision.stop);
  void [queued, state, open];
}
