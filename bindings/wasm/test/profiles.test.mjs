// The shared profiles suite (tests/js/profiles-suite.mjs) against the WebAssembly module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as w from 'wsclose-wasm';
import { run } from '../../../tests/js/profiles-suite.mjs';

run(w, { test, assert });
