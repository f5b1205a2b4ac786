// Builds the explainer into one self-contained HTML file: the page's TypeScript and the npm
// package `wsclose` bundled by esbuild, with the WebAssembly module inlined as base64, so the
// page works offline, from any static server and from file:// (where browsers refuse to fetch
// a module or a .wasm file next to the page).
//
//   node tools/explainer/build.mjs OUT.html
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const jsDir = join(root, 'bindings', 'js');
const esbuild = createRequire(join(jsDir, 'package.json'))('esbuild');

const out = process.argv[2];
if (!out) {
  console.error('usage: node tools/explainer/build.mjs OUT.html');
  process.exit(2);
}

const wasm = await readFile(join(jsDir, 'dist', 'wsclose.wasm'));
// The package loads the module that sits next to it; here its bytes are handed over instead.
const LOAD = 'await loadWasm();';
const inlineWasm = {
  name: 'inline-wasm',
  setup(build) {
    build.onLoad({ filter: /bindings[\\/]js[\\/]dist[\\/]module\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const at = source.indexOf(LOAD);
      if (at < 0 || source.indexOf(LOAD, at + 1) >= 0) {
        throw new Error(`${args.path}: expected exactly one \`${LOAD}\` to inline the module`);
      }
      const bytes = `Uint8Array.from(atob(${JSON.stringify(wasm.toString('base64'))}), (c) => c.charCodeAt(0))`;
      return { contents: source.replace(LOAD, `await loadWasm(${bytes});`), loader: 'js' };
    });
  },
};

const result = await esbuild.build({
  entryPoints: [join(here, 'src', 'explainer.ts')],
  bundle: true,
  format: 'esm',
  target: ['chrome120', 'firefox115'],
  minify: true,
  write: false,
  legalComments: 'none',
  plugins: [inlineWasm],
  logLevel: 'warning',
});
const script = result.outputFiles[0].text.replaceAll('</script', '<\\/script');
const template = await readFile(join(here, 'template.html'), 'utf8');
if (!template.includes('<!--SCRIPT-->')) throw new Error('template.html has no <!--SCRIPT--> marker');
const html = template.replace('<!--SCRIPT-->', () => `<script type="module">${script}</script>`);
await mkdir(dirname(out), { recursive: true });
await writeFile(out, html);
console.log(`explainer: ${out} (${(html.length / 1024).toFixed(1)} KiB, module ${(wasm.length / 1024).toFixed(1)} KiB inlined)`);
