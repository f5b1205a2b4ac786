// The `node` column of the cross-language differential (docs/differential.md): reads the corpus
// of tests/differential/, gets the answers from ./differential-answers.mjs (the pure function that
// a browser page can run too) and writes them. `make diff-node`, then
// `xtask differential` compares with the core.
//
// Usage: node test/differential.mjs CORPUS_DIR OUT_FILE
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import * as wsclose from 'wsclose';
import { CORPUS_FILES, answers } from './differential-answers.mjs';

const [corpus, outFile] = process.argv.slice(2);
if (!corpus || !outFile) {
  console.error('usage: node test/differential.mjs CORPUS_DIR OUT_FILE');
  process.exit(2);
}

const texts = Object.fromEntries(CORPUS_FILES.map((name) => [name, readFileSync(path.join(corpus, name), 'utf8')]));
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, answers(texts, wsclose));
