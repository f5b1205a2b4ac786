// The shipped module stays small (target: under 20 KB) and exports only wsclose_* functions,
// its memory, and the two globals the Rust linker always exports for a cdylib.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';

const WASM = new URL('../wsclose.wasm', import.meta.url);
const LIMIT = 20 * 1024;

test(`wsclose.wasm is under ${LIMIT} bytes`, () => {
  const { size } = statSync(WASM);
  console.log(`wsclose.wasm: ${size} bytes`);
  assert.ok(size > 1000, `suspiciously small: ${size} bytes`);
  assert.ok(size < LIMIT, `wsclose.wasm is ${size} bytes, over the ${LIMIT}-byte budget`);
});

test('exports: wsclose_* functions, memory and the linker globals; no imports', () => {
  const module = new WebAssembly.Module(readFileSync(WASM));
  assert.deepEqual(WebAssembly.Module.imports(module), []);
  const exports = WebAssembly.Module.exports(module);
  const names = exports.map((e) => e.name);
  assert.ok(names.includes('memory'));
  assert.ok(names.includes('wsclose_classify'));
  for (const { name, kind } of exports) {
    if (name === 'memory') continue;
    if (name === '__data_end' || name === '__heap_base') {
      assert.equal(kind, 'global', name);
      continue;
    }
    assert.equal(kind, 'function', name);
    assert.match(name, /^wsclose_/);
  }
});

test('one ABI: the module exports exactly the functions of include/wsclose.h, with their arity', () => {
  const header = readFileSync(new URL('../../../include/wsclose.h', import.meta.url), 'utf8');
  const declared = new Map();
  for (const [, fn, params] of header.matchAll(/^[A-Za-z].*?\b(wsclose_[a-z0-9_]+)\(([^)]*)\);$/gm)) {
    declared.set(fn, params.trim() === 'void' ? 0 : params.split(',').length);
  }
  assert.ok(declared.size > 10, `read ${declared.size} declarations from wsclose.h`);
  const module = new WebAssembly.Module(readFileSync(WASM));
  const functions = WebAssembly.Module.exports(module).filter((e) => e.kind === 'function').map((e) => e.name);
  assert.deepEqual(functions.sort(), [...declared.keys()].sort());
  const { exports } = new WebAssembly.Instance(module, {});
  for (const [fn, arity] of declared) assert.equal(exports[fn].length, arity, fn);
});
