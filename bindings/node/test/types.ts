// Type-level tests of the published declarations (dist/index.d.ts), checked by
// `tsc -p tsconfig.types.json` under --strict: each @ts-expect-error line must be an error.
import {
  Category,
  Reconnect,
  classify,
  classifyMany,
  encodeClosePayload,
  info,
  parseClosePayload,
  PayloadError,
  reconnectName,
  type Close,
  type CodeInfo,
  type PayloadErrorKind,
} from "../dist/index";

const category: Category = classify(1000);
const isPrivate: boolean = category === Category.Private;
const details: CodeInfo = info(1013);
const name: string | null = details.name;
const advice: Reconnect = details.reconnect;
const adviceLabel: string = reconnectName(advice);
const categories: Uint8Array = classifyMany(new Uint16Array([1000, 4000]));
const close: Close = parseClosePayload(new Uint8Array([0x03, 0xe8]));
const payload: Uint8Array = encodeClosePayload(4000, "bye");
const fromBytes: Uint8Array = encodeClosePayload(4000, new Uint8Array([0x62]));

function answer(error: unknown): number | undefined {
  if (error instanceof PayloadError) {
    const kind: PayloadErrorKind = error.kind;
    return kind === "INVALID_UTF8" ? error.closeCode : error.closeCode;
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
// @ts-expect-error a reconnect advice is a number, not its label
reconnectName("never");
// @ts-expect-error a payload is bytes
parseClosePayload("03e8");

export const used = [isPrivate, name, advice, adviceLabel, categories, close, payload, fromBytes, answer, notNull, badKind];
