// The shared browser suite (tests/js/browser-suite.mjs) against the Node.js package (koffi).
import { createRequire } from 'node:module';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../../../tests/js/browser-suite.mjs';

const require = createRequire(import.meta.url);
const w = require('wsclose');
const { unhex: hex, readVectors } = require('./helpers.js');

run(w, { test, assert, hex, readVectors });
