#!/usr/bin/env node
// The customer's first load stays within its budget (issue 16: ≤ 200 KB of JavaScript,
// gzip): the entry script index.html loads, the home screen's lazy chunk, and every chunk
// they import statically, read from web/dist. A size, not a timing: `npm run bench:spa`
// measures the same in Chromium, with what was really sent. Run after `npm run build`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 200;
const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist', 'assets');
if (!existsSync(assets)) {
  console.log('FAIL web/dist is missing: run npm run build first');
  process.exit(1);
}
const html = readFileSync(join(assets, '..', 'index.html'), 'utf8');
const entry = /<script type="module"[^>]*src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
const home = readdirSync(assets).find((f) => /^HomePage-.*\.js$/.test(f));
if (!entry || !home) {
  console.log(`FAIL could not find the entry script (${entry}) or the home screen's chunk (${home})`);
  process.exit(1);
}

// Static imports only (`import … from "./x.js"`, `import "./x.js"`): lazy import() calls load later.
const loaded = new Set();
const visit = (file) => {
  if (loaded.has(file)) return;
  loaded.add(file);
  const code = readFileSync(join(assets, file), 'utf8');
  for (const [, dep] of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g)) visit(dep);
};
visit(entry);
visit(home);

const sizes = [...loaded].map((file) => ({ file, gzip: gzipSync(readFileSync(join(assets, file))).length }));
const totalKb = sizes.reduce((n, s) => n + s.gzip, 0) / 1024;
for (const s of sizes.sort((a, b) => b.gzip - a.gzip).slice(0, 8)) console.log(`${(s.gzip / 1024).toFixed(1).padStart(7)} KB  ${s.file}`);
const verdict = totalKb <= BUDGET_KB ? 'ok' : 'FAIL';
console.log(`${verdict} first load: ${sizes.length} scripts, ${totalKb.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`);
process.exit(totalKb <= BUDGET_KB ? 0 : 1);
