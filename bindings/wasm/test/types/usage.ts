// Compiled (not run) by test/types.test.mjs with `tsc --noEmit --strict`: wsclose.d.ts describes
// the module the way a TypeScript user meets it, and rejects what it should.
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
} from 'wsclose-wasm';

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
// @ts-expect-error PayloadError is thrown by the module, not constructed
new PayloadError();

void [isPrivate, four, normal, limit, label, name, advice, adviceLabel, backoff, categories, fromBytes, code, raw,
  ready, text, utf8Result, noAnswer, six, badKind, answerCode];
