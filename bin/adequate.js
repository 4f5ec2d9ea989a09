#!/usr/bin/env node
// Entry point for `npx adequate`: the compiled CLI (built by `npm ci`/`npm run build`).
import '../dist/cli/main.js';
