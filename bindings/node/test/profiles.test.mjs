// The shared profiles suite (tests/js/profiles-suite.mjs) against the Node.js package (koffi).
import { createRequire } from 'node:module';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../../../tests/js/profiles-suite.mjs';

const require = createRequire(import.meta.url);
const w = require('wsclose');

run(w, { test, assert });
