// `npm run admin:create -- --email you@example.com [--name "Ada"] [--password-stdin]`:
// the first admin on a real database. Without --password-stdin a password is generated and
// printed once (a password in argv would sit in the shell history and `ps`).
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadEnvFile } from './config';
import { DomainError } from './domain-error';
import { openDatabase } from './infra/database';
import { createLogger } from './infra/logger';
import { createAdmin } from './modules/identity/admin-accounts';

async function readStdinLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.split(/\r?\n/)[0] ?? '';
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  });
  if (!values.email) {
    console.error('usage: npm run admin:create -- --email you@example.com [--name "Ada Admin"] [--password-stdin]');
    return 64;
  }
  loadEnvFile();
  const config = loadConfig();
  const db = await openDatabase(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, { format: config.logFormat }));
  try {
    const password = values['password-stdin'] ? await readStdinLine() : undefined;
    const admin = await createAdmin(db.prisma, { email: values.email, name: values.name, password });
    console.log(`${admin.created ? 'created admin' : 'made admin'} ${admin.user.email} (${db.kind})`);
    if (admin.generatedPassword) console.log(`password (shown once, keep it safe): ${admin.generatedPassword}`);
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof DomainError) console.error(err.message);
    else console.error(err);
    process.exit(err instanceof ConfigError ? 78 : 1);
  },
);
