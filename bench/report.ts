// The tables `npm run bench` writes: one block per group in bench/README.md, between
// `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`, so the hand-written text around them
// stays and a run of some groups leaves the others' last figures in place.
import { cpus, loadavg } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import type { Figures, LoadResult } from './load';

const README = join(__dirname, 'README.md');

/** One path of HomeSer against its baseline, each round measured back to back. */
export interface Comparison {
  path: string;
  connections: number;
  baseline: string;
  target: string;
  rounds: { subject: LoadResult; baseline: Figures | null }[];
  /** When the target is about latency, not the ratio. */
  p99Target?: number;
  ratioTarget?: number;
}

/** What a group of scenarios hands back: its comparisons and any further tables (markdown). */
export interface GroupResult {
  comparisons: Comparison[];
  notes: string[];
}

const each = <T>(rounds: T[], f: (r: T) => string) => rounds.map(f).join(' · ');
const pct = (a: number, b: number) => `${Math.round((a / b) * 100)}%`;

export function comparisonTable(rows: Comparison[]): string {
  const out = [
    '| path | conns | HomeSer req/s | p50 / p99 ms | baseline (same run) | baseline req/s | p50 / p99 ms | ratio | target | met | failed |',
    '| --- | --: | --: | --: | --- | --: | --: | --: | --- | --- | --: |',
  ];
  for (const row of rows) {
    const { rounds } = row;
    const met = rounds.every(({ subject, baseline }) => {
      if (row.p99Target !== undefined && subject.p99 > row.p99Target) return false;
      if (row.ratioTarget !== undefined && (!baseline || subject.rps / baseline.rps < row.ratioTarget)) return false;
      return true;
    });
    out.push(
      [
        '',
        row.path,
        row.connections,
        each(rounds, (r) => String(r.subject.rps)),
        each(rounds, (r) => `${r.subject.p50} / ${r.subject.p99}`),
        row.baseline,
        each(rounds, (r) => (r.baseline ? String(r.baseline.rps) : '—')),
        each(rounds, (r) => (r.baseline ? `${r.baseline.p50} / ${r.baseline.p99}` : '—')),
        each(rounds, (r) => (r.baseline ? pct(r.subject.rps, r.baseline.rps) : '—')),
        row.target,
        met ? 'yes' : '**no**',
        each(rounds, (r) => String(r.subject.failed)),
        '',
      ]
        .join(' | ')
        .trim(),
    );
  }
  return out.join('\n');
}

/** When, on what, at what load (the 1-minute load average at the start of each measured run), and the command. */
export function provenance(command: string, loads: number[]): string {
  const cpu = cpus();
  const range = loads.length ? `${Math.min(...loads)}–${Math.max(...loads)}` : String(loadavg()[0]!.toFixed(1));
  return (
    `Taken ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ` +
    `Node ${process.version}; load average (1 min) ${range} over the runs. Reproduce: \`${command}\`.`
  );
}

/** Replaces the block NAME of bench/README.md (its markers must be there), formatted as the repository's prettier would. */
export async function rewriteBlock(name: string, markdown: string): Promise<void> {
  const text = readFileSync(README, 'utf8');
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) throw new Error(`bench/README.md has no ${open} … ${close} block`);
  const next = `${text.slice(0, start + open.length)}\n\n${markdown.trim()}\n\n${text.slice(end)}`;
  const options = await prettier.resolveConfig(README);
  writeFileSync(README, await prettier.format(next, { ...options, filepath: README }));
}
