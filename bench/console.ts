/**
 * The console scenario: how soon a browser paints the console's pages on a pool of 10,000 users
 * (issue: the pools and users pages under 200 ms). Real Chromium (the test suite's) opens each page
 * several times; the first contentful paint is read from the page's own performance entries. The
 * floor is the console's "not found" page: the same server, gate, document and assets, without a
 * single API call, so the ratio says what the page's own calls cost.
 * `npm run bench` runs it; `node bench/console.ts [--users N]` alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../test/support/browser.ts';
import { prepare, seed, startCognate } from './cognate.ts';

export interface PagePaint {
  name: string;
  path: string;
  /** First contentful paint after navigation start, in ms: median and slowest of the visits. */
  median: number;
  max: number;
}

export interface ConsoleRun {
  users: number;
  visits: number;
  pages: PagePaint[];
}

const VISITS = 9;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Opens each page `visits` times (after one warm-up visit) and reads its first contentful paint. */
export async function consoleScenario(opts: { url: string; poolId: string; username: string; users: number; visits?: number; log: (line: string) => void }): Promise<ConsoleRun> {
  const visits = opts.visits ?? VISITS;
  const base = `${opts.url}/_cognate/console`;
  const targets = [
    { name: 'floor (a page without API calls)', path: '/no-such-page' },
    { name: 'pools', path: '/' },
    { name: 'users (50 a page)', path: `/pools/${opts.poolId}/users` },
    { name: 'users, filtered', path: `/pools/${opts.poolId}/users?filter=${encodeURIComponent('email ^= "user00099"')}` },
    { name: 'a user', path: `/pools/${opts.poolId}/users/${opts.username}` },
    { name: 'messages', path: '/messages' },
  ];
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const pages: PagePaint[] = [];
    for (const t of targets) {
      const paints: number[] = [];
      for (let i = 0; i <= visits; i++) {
        await page.goto(`${base}${t.path}`, { waitUntil: 'load' });
        // The paint entry is recorded after the load event: waited for, from the buffer.
        const fcp = await page.evaluate(() => new Promise<number>((resolve) => {
          new PerformanceObserver((list) => {
            const entry = list.getEntriesByName('first-contentful-paint')[0];
            if (entry) resolve(entry.startTime);
          }).observe({ type: 'paint' as never, buffered: true }); // a browser's entry type, unknown to Node's typings
        }));
        if (i > 0) paints.push(fcp);
      }
      pages.push({ name: t.name, path: t.path, median: median(paints), max: Math.max(...paints) });
      opts.log(`console: ${t.name}: first paint ${median(paints).toFixed(0)} ms (slowest ${Math.max(...paints).toFixed(0)} ms)`);
    }
    return { users: opts.users, visits, pages };
  } finally {
    await browser.close();
  }
}

export function consoleSummary(r: ConsoleRun): string {
  const floor = r.pages[0]!.median;
  return [
    `Console pages on a pool of ${r.users.toLocaleString('en')} users, first contentful paint in Chromium (median of ${r.visits} visits; slowest; ratio to the floor page):`,
    ...r.pages.map((p) => `${p.name}: ${p.median.toFixed(0)} ms (slowest ${p.max.toFixed(0)} ms), ${(p.median / floor).toFixed(2)}× the floor`),
  ].join('\n');
}

/** The scenario on its own store and server: a pool of `users` seeded straight into the file. */
export async function runConsoleBench(opts: { dir: string; port: number; users: number; log: (line: string) => void }): Promise<ConsoleRun> {
  const db = join(opts.dir, 'console.db');
  const seeded = await prepare(db);
  await seed(db, seeded, opts.users, 0);
  const server = await startCognate(db, opts.port, opts.dir);
  try {
    return await consoleScenario({ url: server.url, poolId: seeded.pool.id, username: 'user0000100', users: opts.users, log: opts.log });
  } finally {
    await server.stop();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { users: { type: 'string' } } });
  const dir = mkdtempSync(join(tmpdir(), 'cognate-bench-console-'));
  try {
    const run = await runConsoleBench({ dir, port: 9400 + Math.floor(Math.random() * 500), users: Number(values.users ?? 10_000), log: console.log });
    console.log(consoleSummary(run));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
