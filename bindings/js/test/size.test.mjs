// The shipped module stays small and exports only wsclose_* functions, its memory, and the two
// globals the Rust linker always exports for a cdylib.
//
// Two budgets: the whole file (44 KB), and its code section (12 KB). The module is the whole C
// ABI (ffi-c), so it carries the core's texts, most of them the protocol profiles' names and
// descriptions (about 30 KB of data); the code budget is the
// one that catches glue or ABI bloat, such as formatting or panic machinery being linked in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';

const WASM = new URL('../dist/wsclose.wasm', import.meta.url);
const LIMIT = 44 * 1024;
// 13 KiB: 45 functions (the intent queries and wsclose_policy_advice took it past 12 KiB).
const CODE_LIMIT = 13 * 1024;

/** The sizes of the module's sections by id (10 = code, 11 = data). */
function sectionSizes(bytes) {
  const sizes = new Map();
  let i = 8; // magic and version
  const leb = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[i++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  while (i < bytes.length) {
    const id = bytes[i++];
    const size = leb();
    sizes.set(id, (sizes.get(id) ?? 0) + size);
    i += size;
  }
  return sizes;
}

test(`wsclose.wasm is under ${LIMIT} bytes, its code under ${CODE_LIMIT}`, () => {
  const { size } = statSync(WASM);
  const sections = sectionSizes(readFileSync(WASM));
  const code = sections.get(10) ?? 0;
  console.log(`wsclose.wasm: ${size} bytes (code ${code}, data ${sections.get(11) ?? 0})`);
  assert.ok(size > 1000, `suspiciously small: ${size} bytes`);
  assert.ok(code > 1000, `suspiciously little code: ${code} bytes`);
  assert.ok(size < LIMIT, `wsclose.wasm is ${size} bytes, over the ${LIMIT}-byte budget`);
  assert.ok(code < CODE_LIMIT, `the code section is ${code} bytes, over the ${CODE_LIMIT}-byte budget`);
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
