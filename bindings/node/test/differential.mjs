// The Node.js column of the cross-language differential (docs/differential.md): the package's
// public API (koffi over libwsclose) answers all 65,536 codes and the corpus of
// tests/differential/ through tests/js/differential-answers.mjs, the same function the
// WebAssembly column uses (the two bindings have the same API). `make diff-node`, then
// `xtask differential` compares with the core.
//
// Usage: node test/differential.mjs CORPUS_DIR OUT_FILE
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CORPUS_FILES, answers } from '../../../tests/js/differential-answers.mjs';

const require = createRequire(import.meta.url);
const wsclose = require('wsclose');

const [corpus, outFile] = process.argv.slice(2);
if (!corpus || !outFile) {
  console.error('usage: node test/differential.mjs CORPUS_DIR OUT_FILE');
  process.exit(2);
}

const texts = Object.fromEntries(CORPUS_FILES.map((name) => [name, readFileSync(path.join(corpus, name), 'utf8')]));
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, answers(texts, wsclose));
console.log(`node: ${texts['parse.txt'].split('\n').length} corpus payloads answered into ${outFile}`);
