// katex_check renders LaTeX strings with KaTeX in its strictest setting and
// reports every one that KaTeX rejects.
//
// Usage: node katex_check.js KATEX_DIR FILE
//
// KATEX_DIR is a folder where `npm install katex` was run (or its
// node_modules folder). FILE holds a JSON array of {"tex": "...",
// "display": true|false}; display entries are rendered in display mode,
// as $$...$$ blocks are. The exit status is 1 if any string fails.
"use strict";
const fs = require("fs");
const path = require("path");

const [dir, file] = process.argv.slice(2);
if (!dir || !file) {
  console.error("usage: node katex_check.js KATEX_DIR FILE");
  process.exit(2);
}
const candidates = [path.resolve(dir, "node_modules", "katex"), path.resolve(dir, "katex")];
const found = candidates.find((c) => fs.existsSync(path.join(c, "package.json")));
if (!found) {
  console.error("katex_check: no katex in " + candidates.join(" or "));
  process.exit(2);
}
const katex = require(found);
const entries = JSON.parse(fs.readFileSync(file, "utf8"));
let passed = 0, failed = 0;
for (const e of entries) {
  try {
    katex.renderToString(e.tex, {
      throwOnError: true,
      strict: "error",
      displayMode: !!e.display,
    });
    passed++;
  } catch (err) {
    failed++;
    console.log("FAIL: " + JSON.stringify(e.tex) + "\n  " + err.message);
  }
}
console.log(`katex ${katex.version}: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
