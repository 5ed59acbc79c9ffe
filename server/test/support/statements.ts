// Counting the SQL a piece of work runs. The app's background jobs (outbox sender, sweeps,
// change-feed catch-up) also run statements at any moment, and only ever add to the count:
// the fewest seen over a few tries is the work's own.
import type { TestApp } from './test-app';

export async function fewestStatements(t: TestApp, work: () => Promise<unknown>, tries = 3): Promise<number> {
  let fewest = Infinity;
  for (let i = 0; i < tries; i++) {
    const before = t.app.infra.database.statementCount();
    await work();
    fewest = Math.min(fewest, t.app.infra.database.statementCount() - before);
  }
  return fewest;
}

/** The SQL of every statement run while `work` runs (background jobs' included). */
export async function statementsDuring(t: TestApp, work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const stop = t.app.infra.database.onStatement((sql) => seen.push(sql));
  try {
    await work();
  } finally {
    stop();
  }
  return seen;
}
