// `npm run schema:emit` writes schema.graphql at the repository root;
// `npm run schema:check` fails when the committed file differs from what the code emits.
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printAppSchema } from './schema';

async function main() {
  const file = join(__dirname, '..', '..', '..', 'schema.graphql');
  const emitted = (await printAppSchema()) + '\n';
  if (process.argv.includes('--check')) {
    const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (committed !== emitted) {
      console.error('schema.graphql is out of date: run `npm run schema:emit` and commit it.');
      process.exit(1);
    }
    console.log('schema.graphql matches the code');
    return;
  }
  writeFileSync(file, emitted);
  console.log(`wrote ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
