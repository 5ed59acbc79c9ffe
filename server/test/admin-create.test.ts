// `npm run admin:create`: the first admin of a real deployment, without the demo seed.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { aCustomer, PASSWORD } from './support/accounts';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const SIGN_IN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken user { role } } }`;
const USERS = `{ users(first: 5) { edges { node { email role } } } }`;

/** Runs the command as an operator would (same entry point as the npm script), on the test app's database. */
function adminCreate(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const server = join(__dirname, '..');
  const child = spawn(process.execPath, ['--import', require.resolve('tsx'), join(server, 'src', 'admin-create.ts'), ...args], {
    cwd: server,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: t.app.infra.config.database.url,
      JWT_SECRET: t.app.infra.config.jwtSecret,
      TSX_TSCONFIG_PATH: join(server, 'tsconfig.json'),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => void (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
  child.stdin.end(stdin ?? '');
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

it('creates an admin with a generated password, shown once, who can then run the platform', async () => {
  const run = await adminCreate(['--email', 'Owner@Example.test', '--name', 'Olu Owner']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/created admin owner@example\.test/);
  const password = /password \(shown once, keep it safe\): (\S+)/.exec(run.stdout)?.[1];
  expect(password?.length).toBeGreaterThanOrEqual(20);

  const signIn = await t.gql(SIGN_IN, { email: 'owner@example.test', password });
  expect(signIn.data?.login.user.role).toBe('ADMIN');
  const users = await t.gql(USERS, {}, { token: signIn.data!.login.accessToken });
  expect(users.errors).toBeUndefined();
}, 60_000);

it('makes an existing account an admin, keeping its password, and takes a chosen one from stdin', async () => {
  const customer = await aCustomer(t);
  const promoted = await adminCreate(['--email', customer.email]);
  expect(promoted.code).toBe(0);
  expect(promoted.stdout).toMatch(/made admin/);
  expect(promoted.stdout).not.toMatch(/password/);
  expect((await t.gql(SIGN_IN, { email: customer.email, password: PASSWORD })).data?.login.user.role).toBe('ADMIN');

  const chosen = await adminCreate(['--email', 'second@example.test', '--password-stdin'], 'a-long-chosen-password\n');
  expect(chosen.code).toBe(0);
  expect((await t.gql(SIGN_IN, { email: 'second@example.test', password: 'a-long-chosen-password' })).data?.login.user.role).toBe('ADMIN');

  const short = await adminCreate(['--email', 'third@example.test', '--password-stdin'], 'short\n');
  expect(short.code).not.toBe(0);
  expect(short.stderr).toMatch(/password: must be at least 10 characters/);
}, 90_000);
