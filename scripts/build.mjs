#!/usr/bin/env node
// Builds what `npm start` runs: the Prisma client, the server (tsc → server/dist) and the SPA
// (web/dist). `--if-stale` rebuilds only the parts whose inputs changed since their last build,
// so a second `npm start` goes straight to `node server/dist/server.js`. Names select parts.
// server/dist/server.js is tsc's output bundled into one file by esbuild: a start then reads one
// file instead of resolving ~1,400 modules (about 15% of a start's CPU). server/dist/main.js is
// the same program unbundled, for debugging with source maps.
//   node scripts/build.mjs                    everything, from scratch
//   node scripts/build.mjs --if-stale         only what is missing or older than its sources
//   node scripts/build.mjs --if-stale server  one part (prisma, server, web)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (...p) => join(root, ...p);

// Left to node_modules: argon2 is a native addon; PGlite finds its WASM and data files next
// to its own modules (and the Prisma adapter must share that one PGlite).
const BUNDLE_EXTERNAL = ['argon2', '@electric-sql/pglite', 'pglite-prisma-adapter'];

const parts = {
  prisma: {
    inputs: ['prisma/schema.prisma', 'package-lock.json'],
    output: 'server/src/generated/prisma/client.ts',
    tool: 'node_modules/prisma',
    build: () => run('npm', ['run', 'prisma:generate', '--silent']),
  },
  server: {
    inputs: ['server/src', 'server/tsconfig.json', 'server/tsconfig.build.json', 'tsconfig.json', 'package-lock.json'],
    output: 'server/dist/.built',
    tool: 'node_modules/typescript',
    build: (fresh) => {
      if (fresh) rmSync(at('server/dist'), { recursive: true, force: true });
      run(process.execPath, [at('node_modules/typescript/bin/tsc'), '-p', at('server/tsconfig.build.json')]);
      // Bundled from tsc's JavaScript, so TypeGraphQL's decorator metadata is already emitted.
      createRequire(import.meta.url)('esbuild').buildSync({
        entryPoints: [at('server/dist/main.js')],
        outfile: at('server/dist/server.js'),
        bundle: true,
        platform: 'node',
        target: 'node20',
        sourcemap: true,
        logLevel: 'warning',
        external: BUNDLE_EXTERNAL,
      });
    },
  },
  web: {
    inputs: [
      'web/src',
      'web/index.html',
      'web/public',
      'web/vite.config.ts',
      'web/package.json',
      'schema.graphql',
      'codegen.yml',
      'package-lock.json',
    ],
    output: 'web/dist/.built',
    tool: 'node_modules/vite',
    build: () => run('npm', ['run', 'build', '-w', 'web', '--silent']),
  },
};

function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

// Newest modification time under a file or folder (generated SPA types excluded: the build writes them).
function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || (path.endsWith(join('web', 'src')) && entry === 'gql')) continue;
    max = Math.max(max, newest(join(path, entry)));
  }
  return max;
}

const args = process.argv.slice(2);
const ifStale = args.includes('--if-stale');
const chosen = args.filter((a) => !a.startsWith('--'));
for (const name of chosen) if (!parts[name]) throw new Error(`unknown part "${name}"; parts: ${Object.keys(parts).join(', ')}`);

let failed = false;
for (const [name, part] of Object.entries(parts)) {
  if (chosen.length && !chosen.includes(name)) continue;
  // A built copy without sources (the runtime image) runs what it was given.
  if (!existsSync(at(part.inputs[0]))) continue;
  const output = at(part.output);
  const built = existsSync(output) ? statSync(output).mtimeMs : 0;
  const stale = !built || part.inputs.some((i) => newest(at(i)) > built);
  if (ifStale && !stale) continue;
  if (!existsSync(at(part.tool))) {
    // A production install (npm ci --omit=dev) has no build tools: run what was built.
    if (built) {
      console.warn(`${name}: sources changed since the last build, but ${part.tool} is not installed; running the old build`);
      continue;
    }
    console.error(`${name}: not built and ${part.tool} is not installed; run \`npm install && npm run build\` first`);
    failed = true;
    continue;
  }
  const started = Date.now();
  console.log(`building ${name}${built ? ' (sources changed)' : ''}…`);
  try {
    part.build(!ifStale);
  } catch (err) {
    console.error(`${name}: ${err.message}`);
    process.exit(1);
  }
  if (part.output.endsWith('.built')) writeFileSync(output, new Date().toISOString() + '\n');
  console.log(`built ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
process.exit(failed ? 1 : 0);
