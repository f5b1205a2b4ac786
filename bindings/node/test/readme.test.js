'use strict';
// Runs the Node.js snippet of the top-level README.md (between <!-- lang:node --> and
// <!-- /lang:node -->), so the README cannot go stale. The snippet asserts its own results.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const PACKAGE_DIR = path.join(__dirname, '..');

function snippet() {
  const readme = fs.readFileSync(path.join(PACKAGE_DIR, '..', '..', 'README.md'), 'utf8');
  const match = /<!-- lang:node -->([\s\S]*?)<!-- \/lang:node -->/.exec(readme);
  assert.ok(match, 'README.md has no <!-- lang:node --> block');
  const code = /```js\n([\s\S]*?)\n```/.exec(match[1]);
  assert.ok(code, 'the README node block has no ```js code');
  return code[1];
}

test('the README snippet runs and its assertions hold', () => {
  // Written inside the package, so that require('wsclose') resolves to this package.
  const dir = path.join(PACKAGE_DIR, '.snippets');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'readme.js');
  fs.writeFileSync(file, snippet());
  const run = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  assert.equal(run.status, 0, `the README snippet failed:\n${run.stdout}${run.stderr}`);
});

test('a library that cannot be loaded gives an error naming it and WSCLOSE_LIBRARY', () => {
  const run = spawnSync(process.execPath, ['-e', "require('wsclose')"], {
    cwd: PACKAGE_DIR,
    encoding: 'utf8',
    env: { ...process.env, WSCLOSE_LIBRARY: '/nonexistent/libwsclose.so' },
  });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /cannot load the C library '\/nonexistent\/libwsclose\.so'/);
  assert.match(run.stderr, /WSCLOSE_LIBRARY/);
});

test('the snippet of bindings/node/README.md runs and its assertions hold', () => {
  const readme = fs.readFileSync(path.join(PACKAGE_DIR, 'README.md'), 'utf8');
  const code = /```js\n([\s\S]*?)\n```/.exec(readme);
  assert.ok(code, 'bindings/node/README.md has no ```js code');
  const dir = path.join(PACKAGE_DIR, '.snippets');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'binding-readme.js');
  fs.writeFileSync(file, code[1]);
  const run = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  assert.equal(run.status, 0, `the README snippet failed:\n${run.stdout}${run.stderr}`);
});
