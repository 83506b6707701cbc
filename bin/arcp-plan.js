#!/usr/bin/env node
// Runs the bundled CLI (built by `npm run build`, which `npm ci` triggers through `prepare`).
import { main } from "../dist/main.js";

process.exitCode = await main(process.argv.slice(2));
