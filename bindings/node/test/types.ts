// Type-level tests of the published declarations (dist/index.d.ts), checked by
// `tsc -p tsconfig.types.json` under --strict: each @ts-expect-error line must be an error.
import {
  Category,
  CloseCode,
  MAX_CLOSE_PAYLOAD,
  PAYLOAD_ERROR_KINDS,
  Reconnect,
  categoryLabel,
  classify,
  classifyMany,
  encodeClosePayload,
  info,
  parseClosePayload,
  PayloadError,
  reconnectLabel,
  version,
  type Close,
  type CodeInfo,
  type PayloadErrorKind,
} from "../dist/index";

const category: Category = classify(1000);
const isPrivate: boolean = category === Category.PRIVATE;
const four: 4 = Category.PRIVATE;
const normal: 1000 = CloseCode.NORMAL_CLOSURE;
const limit: 125 = MAX_CLOSE_PAYLOAD;
const label: string = categoryLabel(category);
const details: CodeInfo = info(1013);
const name: string | null = details.name;
const advice: Reconnect = details.reconnect;
const adviceLabel: string = reconnectLabel(advice);
const categories: Uint8Array = classifyMany(new Uint16Array([1000, 4000]));
const close: Close = parseClosePayload(new Uint8Array([0x03, 0xe8]));
const payload: Uint8Array = encodeClosePayload(4000, "bye");
const fromBytes: Uint8Array = encodeClosePayload(4000, new Uint8Array([0x62]));
const utf8Result: -104 = PAYLOAD_ERROR_KINDS.INVALID_UTF8.result;
const text: string = version();

function answer(error: unknown): number | null | undefined {
  if (error instanceof PayloadError) {
    const kind: PayloadErrorKind = error.kind;
    const carried: number | null = error.code;
    const result: number = error.result;
    void [carried, result];
    return kind === "INVALID_UTF8" ? error.closeCode : null;
  }
  return undefined;
}

// @ts-expect-error a code is a number, not a string
classify("1000");
// @ts-expect-error the name may be null
const notNull: string = details.name;
// @ts-expect-error CodeInfo is read-only
details.sendable = true;
// @ts-expect-error not an error kind
const badKind: PayloadErrorKind = "NOPE";
// @ts-expect-error there is no category 6
const six: Category = 6;
// @ts-expect-error a reconnect advice is a number, not its label
reconnectLabel("never");
// @ts-expect-error a payload is bytes
parseClosePayload("03e8");
// @ts-expect-error the answer code may be null
const answerCode: number = ({} as PayloadError).closeCode;

export const used = [
  isPrivate, four, normal, limit, label, name, advice, adviceLabel, categories, close, payload, fromBytes,
  utf8Result, text, answer, notNull, badKind, six, answerCode,
];
