import { readFileSync } from "node:fs";
import { parseTree } from "../../src/lint/plan-document.js";

// Run by lint.bench.ts in a fresh process (cold code, as in the CLI): parses the plans named in
// argv with the linter's parser and nothing else (no rules, no workspace), and prints the time.
// It is the floor under the lint figure that no rule change can lower.
const texts = process.argv.slice(2).map((file) => readFileSync(file, "utf8"));
const start = performance.now();
let nodes = 0;
for (const text of texts) nodes += parseTree(text).children.length;
process.stdout.write(JSON.stringify({ ms: performance.now() - start, nodes }));
