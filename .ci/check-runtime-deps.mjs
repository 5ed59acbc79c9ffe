#!/usr/bin/env node
// `npm ci --omit=dev && node server/dist/main.js` must work: every package the compiled
// server loads (require or import()) is a runtime dependency in server/package.json, and
// every one of them is installed. Run after `npm run build`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'server', 'dist');
if (!existsSync(join(dist, 'main.js'))) {
  console.log('FAIL server/dist/main.js is missing: run npm run build first');
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(join(root, 'server', 'package.json'), 'utf8'));
const runtime = new Set(Object.keys(manifest.dependencies ?? {}));
const builtins = new Set(builtinModules);

const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
const used = new Map(); // package → a file that loads it
// server.js is this same tree bundled; the require() calls left in it are the externals (checked
// here through the tree) and optional peers its packages try and skip (bufferutil, pg-native, …).
const isBundle = (file) => file === join(dist, 'server.js');
for (const file of files(dist).filter((f) => f.endsWith('.js') && !isBundle(f))) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/\b(?:require|import)\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
    const spec = m[1].replace(/^node:/, '');
    if (builtins.has(spec) || builtins.has(spec.split('/')[0])) continue;
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    if (!used.has(name)) used.set(name, file.slice(root.length + 1));
  }
}
let failures = 0;
const requireFromDist = createRequire(join(dist, 'main.js'));
for (const [name, file] of [...used].sort()) {
  if (!runtime.has(name)) {
    console.log(`FAIL ${name} (loaded by ${file}) is not in server/package.json dependencies`);
    failures++;
    continue;
  }
  try {
    requireFromDist.resolve(`${name}/package.json`);
  } catch {
    try {
      requireFromDist.resolve(name);
    } catch {
      console.log(`FAIL ${name} is a dependency but does not resolve from server/dist`);
      failures++;
    }
  }
}
console.log(`${used.size} packages loaded by server/dist; ${failures ? `${failures} problem(s)` : 'all are runtime dependencies'}`);
process.exit(failures ? 1 : 0);
