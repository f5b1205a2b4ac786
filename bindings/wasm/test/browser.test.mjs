// The shared browser suite (tests/js/browser-suite.mjs) against the WebAssembly module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as w from 'wsclose-wasm';
import { hex, readVectors } from './helpers.mjs';
import { run } from '../../../tests/js/browser-suite.mjs';

run(w, { test, assert, hex, readVectors });
