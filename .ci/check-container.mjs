#!/usr/bin/env node
// Static checks of the Dockerfile, .dockerignore and docker-compose.yml (no Docker engine in
// CI): the points an operator relies on. Prints one line per check; exits 1 if any fails.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (f) => readFileSync(join(root, f), 'utf8');
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};

// ---- Dockerfile: instructions with continuation lines joined, comments dropped
const instructions = read('Dockerfile')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => {
    const [op, ...rest] = l.split(/\s+/);
    return { op: op.toUpperCase(), args: rest.join(' ') };
  });
const froms = instructions.filter((i) => i.op === 'FROM');
const lastFrom = instructions.lastIndexOf(froms.at(-1));
const runtime = instructions.slice(lastFrom);
const ofRuntime = (op) => runtime.filter((i) => i.op === op);

check(froms.length >= 2, 'Dockerfile is multi-stage (a build stage and a runtime stage)');
check(
  froms.every((f) => /^node:(22|24)([.-]|$)/.test(f.args.split(/\s+/)[0])),
  `every stage is on a current Node LTS (node:22 or node:24): ${froms.map((f) => f.args.split(/\s+/)[0]).join(', ')}`,
);
const runs = ofRuntime('RUN').map((r) => r.args);
check(
  runs.some((r) => /npm ci\b.*--omit=dev/.test(r)),
  'the runtime stage installs production dependencies only (npm ci --omit=dev)',
);
check(
  ofRuntime('COPY').some((c) => /--from=\S+\s+\S*server\/dist/.test(c.args)) &&
    ofRuntime('COPY').some((c) => /--from=\S+\s+\S*web\/dist/.test(c.args)),
  'the runtime stage takes the compiled server and SPA from the build stage',
);
check(
  ofRuntime('COPY').some((c) => /prisma\/migrations/.test(c.args)),
  'the runtime stage carries the migrations (applied on start)',
);
const user = ofRuntime('USER').at(-1)?.args;
check(Boolean(user) && !/^(root|0)(:|$)/.test(user), `the runtime stage runs as a non-root user (USER ${user ?? 'missing'})`);
const cmd = ofRuntime('CMD').at(-1)?.args ?? '';
const entrypoint = ofRuntime('ENTRYPOINT').at(-1)?.args;
let argv = [];
try {
  argv = JSON.parse(entrypoint ?? cmd);
} catch {
  /* shell form: argv stays empty */
}
const direct = argv[0] === 'node' && argv.some((a) => /server\/dist\/(server|main)\.js$/.test(a));
const viaInit = /tini|dumb-init/.test(argv[0] ?? '') && JSON.parse(cmd || '[]')[0] === 'node';
check(direct || viaInit, `node gets the signals: exec-form CMD/ENTRYPOINT running node directly or under an init (${entrypoint ?? cmd})`);
const health = ofRuntime('HEALTHCHECK').at(-1)?.args ?? '';
check(/\/readyz/.test(health), 'HEALTHCHECK asks /readyz');
check(!instructions.some((i) => i.op === 'COPY' && /(^|\s)\.env(\s|$)/.test(i.args)), 'no COPY of .env');

// ---- .dockerignore
const ignored = read('.dockerignore')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
for (const must of ['node_modules', '.data', '.env', '.git']) {
  check(
    ignored.some((p) => p === must || p === `**/${must}` || p === `/${must}`),
    `.dockerignore keeps ${must} out of the image`,
  );
}

// ---- docker-compose.yml
const composeText = read('docker-compose.yml');
const compose = parse(composeText);
const services = compose.services ?? {};
const api = services.api ?? {};
const env = api.environment ?? {};
check(
  ['postgres', 'redis', 'api'].every((s) => services[s]),
  'compose runs postgres, redis and api',
);
check(
  Object.values(services).every((s) => s.restart === 'unless-stopped'),
  'every service restarts unless stopped',
);
check(
  Object.values(services).every((s) => s.healthcheck?.test),
  'every service has a health check',
);
check(
  api.depends_on?.postgres?.condition === 'service_healthy' && api.depends_on?.redis?.condition === 'service_healthy',
  'the api waits for healthy postgres and redis',
);
check(env.NODE_ENV === 'production', 'the api runs with NODE_ENV=production');
check(/^\$\{JWT_SECRET:\?[^}]+\}$/.test(String(env.JWT_SECRET ?? '')), 'JWT_SECRET is required, with no default (${JWT_SECRET:?...})');
check(
  /\$\{POSTGRES_PASSWORD:\?[^}]+\}/.test(String(services.postgres?.environment?.POSTGRES_PASSWORD ?? '')),
  'the database password is required, with no default',
);
check(!/:-[^}]*(secret|change-me|password)/i.test(composeText), 'no secret has a default value');
const mounts = (s) => (s.volumes ?? []).map((v) => (typeof v === 'string' ? v : `${v.source}:${v.target}`));
check(
  mounts(services.postgres ?? {}).some((v) => /:\/var\/lib\/postgresql\/data$/.test(v)) && compose.volumes && 'pgdata' in compose.volumes,
  'the database lives on a named volume',
);
check(
  mounts(api).some((v) => /^media:/.test(v)),
  'uploaded media live on a named volume',
);

// ---- docker-compose config (Debian's docker-compose): valid with secrets, refused without
// An empty env file: a developer's own .env must not decide the result.
const emptyEnv = join(mkdtempSync(join(tmpdir(), 'compose-')), 'empty.env');
writeFileSync(emptyEnv, '');
const composeCli = (envExtra) =>
  execFileSync('docker-compose', ['--env-file', emptyEnv, '-f', join(root, 'docker-compose.yml'), 'config', '-q'], {
    env: { PATH: process.env.PATH, ...envExtra },
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: '/',
  });
try {
  composeCli({ JWT_SECRET: 'x'.repeat(64), POSTGRES_PASSWORD: 'y'.repeat(48) });
  check(true, 'docker-compose config accepts the file when the secrets are set');
} catch (err) {
  check(false, `docker-compose config accepts the file when the secrets are set: ${err.stderr ?? err.message}`);
}
try {
  composeCli({ POSTGRES_PASSWORD: 'y'.repeat(48) });
  check(false, 'docker-compose config refuses to run without JWT_SECRET');
} catch (err) {
  check(/JWT_SECRET/.test(String(err.stderr)), 'docker-compose config refuses to run without JWT_SECRET, naming it');
}

console.log(failures ? `${failures} container check(s) failed` : 'container checks passed');
process.exit(failures ? 1 : 0);
