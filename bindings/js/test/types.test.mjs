// The .d.ts that tsc emits from src/ type-checks against usage files under `tsc --strict`, including the
// @ts-expect-error lines that must stay errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

for (const [project, what] of [
  ['tsconfig.json', 'test/types/usage.ts (DOM types)'],
  ['tsconfig.node.json', 'test/types/ws-usage.ts (Node.js types and the ws package\'s, @types/ws)'],
]) {
  test(`the emitted .d.ts: ${what} compiles under tsc --strict`, () => {
    const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
    assert.ok(existsSync(tsc), 'typescript is not installed: run scripts/setup.d/50-js.sh');
    const config = fileURLToPath(new URL(`./types/${project}`, import.meta.url));
    try {
      execFileSync(process.execPath, [tsc, '-p', config], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      assert.fail(`tsc reported errors:\n${error.stdout}${error.stderr}`);
    }
  });
}
