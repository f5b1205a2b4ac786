// tsc --strict over the package's ESM types.
import { classify, Category, info, encodeClosePayload, PayloadError, type CodeInfo } from 'wsclose';

const category: Category = classify(4000);
const facts: CodeInfo = info(1000);
const bytes: Uint8Array = encodeClosePayload(1000, 'done');
function kindOf(err: unknown): string | null {
  return err instanceof PayloadError ? err.kind : null;
}
const message: string = kindOf(new Error('x')) ?? 'not a PayloadError';
export const out: [Category, boolean, number, string] = [category, facts.ok, bytes.length, message];
