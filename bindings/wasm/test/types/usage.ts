// Compiled (not run) by test/types.test.mjs with `tsc --noEmit --strict`: wsclose.d.ts describes
// the module the way a TypeScript user meets it, and rejects what it should.
import {
  Category,
  ClosePayloadError,
  Reconnect,
  categoryLabel,
  classify,
  encodeClosePayload,
  info,
  loadWasm,
  parseClosePayload,
  version,
  wasm,
  type Close,
  type ClosePayloadErrorKind,
  type CodeInfo,
} from 'wsclose-wasm';

const category: Category = classify(4000);
const isPrivate: boolean = category === Category.PRIVATE;
const four: 4 = Category.PRIVATE;
const label: string = categoryLabel(category);
const details: CodeInfo = info(1013);
const name: string | null = details.name;
const advice: Reconnect = details.reconnect;
const backoff: 1 = Reconnect.BACKOFF;
const payload: Uint8Array = encodeClosePayload(1000, 'bye');
const close: Close = parseClosePayload(payload);
const code: number = close.code;
const raw: number = wasm.wsclose_classify(1000);
const ready: Promise<unknown> = loadWasm(new URL('https://example.invalid/wsclose.wasm'));
const text: string = version;

try {
  parseClosePayload(new Uint8Array([0x03]));
} catch (error) {
  if (error instanceof ClosePayloadError) {
    const kind: ClosePayloadErrorKind = error.kind;
    const answer: number = error.closeCode;
    void kind;
    void answer;
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

void [isPrivate, four, label, name, advice, backoff, code, raw, ready, text, six];
