// The WebAssembly snippet of README.md runs as written and prints what its comments say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const README = new URL('../../../README.md', import.meta.url);

test('README.md snippet (<!-- lang:js -->) runs and prints what its comments say', () => {
  const readme = readFileSync(README, 'utf8');
  const block = readme.match(/<!-- lang:js -->([\s\S]*?)<!-- \/lang:js -->/);
  assert.ok(block, 'README.md has no <!-- lang:js --> block');
  const code = block[1].match(/```js\n([\s\S]*?)```/);
  assert.ok(code, 'the lang:js block has no ```js snippet');
  const snippet = code[1];
  const expected = [...snippet.matchAll(/console\.log\(.*\);\s*\/\/ (.*)$/gm)].map((m) => m[1]);
  assert.ok(expected.length >= 3, 'the snippet should show its output in // comments');
  // Inside the package directory, so that `import … from 'wsclose'` resolves to this package.
  const file = new URL('../.readme-snippet.mjs', import.meta.url);
  writeFileSync(file, snippet);
  try {
    const output = execFileSync(process.execPath, [fileURLToPath(file)], { encoding: 'utf8' });
    assert.deepEqual(output.trimEnd().split('\n'), expected);
  } finally {
    rmSync(file, { force: true });
  }
});

test('the snippet of bindings/js/README.md runs and its assertions hold', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const code = readme.match(/```js\n([\s\S]*?)```/);
  assert.ok(code, 'bindings/js/README.md has no ```js snippet');
  const file = new URL('../.readme-snippet-binding.mjs', import.meta.url);
  writeFileSync(file, code[1]);
  try {
    execFileSync(process.execPath, [fileURLToPath(file)], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    assert.fail(`the README snippet failed:\n${error.stdout}${error.stderr}`);
  } finally {
    rmSync(file, { force: true });
  }
});

test('the first screen of README.md (<!-- lang:first-screen -->) type-checks against the package, tsc --strict', () => {
  const readme = readFileSync(README, 'utf8');
  const block = readme.match(/<!-- lang:first-screen -->\s*```ts\n([\s\S]*?)```\s*<!-- \/lang:first-screen -->/);
  assert.ok(block, 'README.md has no <!-- lang:first-screen --> ```ts block');
  assert.match(block[1], /classify\(/);
  assert.match(block[1], /new ReconnectingWebSocket\(/);
  // In the types project (DOM types, as a page uses the client), next to usage.ts.
  const dir = new URL('./types/', import.meta.url);
  const file = new URL('./.readme-first-screen.ts', dir);
  const config = new URL('./.tsconfig.readme.json', dir);
  writeFileSync(file, `${block[1]}\nexport {};\n`);
  writeFileSync(config, JSON.stringify({
    extends: './tsconfig.json',
    compilerOptions: { noUnusedLocals: false },
    files: ['.readme-first-screen.ts'],
  }));
  try {
    const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
    execFileSync(process.execPath, [tsc, '-p', fileURLToPath(config)], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    assert.fail(`tsc --strict rejects the README's first screen:\n${error.stdout ?? error}`);
  } finally {
    rmSync(file, { force: true });
    rmSync(config, { force: true });
  }
});
