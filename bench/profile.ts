/**
 * `npm run bench -- --profile`: the server under `node --cpu-prof` while GetUserAttributeVerificationCode
 * and then GetUser run at 32 connections (a server each), and where its time goes: self time by
 * function and by area. Writes bench/profile.md.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXED_CODE, prepare, seed, signIn, startCognate } from './cognate.ts';
import { runSuite, type Operation } from './suite.ts';

/** Where the generated tables start in profile.md; what comes before is the hand-written analysis. */
const TABLES_START = '## The profiles';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** Where a function lives, in words. */
function area(url: string, name: string): string {
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(idle)' || name === '(program)') return name;
  if (/node:sqlite|DatabaseSync|StatementSync/.test(url + name) || /^(run|get|all|exec|prepare)$/.test(name) && url === '') return 'SQLite (native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  const src = /\/(src|bench)\/(.+)$/.exec(url);
  // A layer, and within a layer of features (services, operations, storage) the feature too.
  if (src) return `${src[1]}/${src[2].split('/').slice(0, /^(services|operations|storage)\/[^/]+\//.test(src[2]) ? 2 : 1).join('/')}`;
  if (url.startsWith('node:')) return url.replace(/^node:internal\//, 'node:').split('/').slice(0, 2).join('/');
  return url === '' ? `native: ${name || '(anonymous)'}` : url;
}

/**
 * Self time by function and by area, over the profile's last `windowS` seconds only (the measured
 * load; the start-up before it, module loading and compilation, is left out).
 */
export function summarize(file: string, windowS: number, top = 25): string {
  const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const hitsOf = new Map<number, number>();
  let t = p.startTime;
  const from = p.endTime - windowS * 1e6;
  p.samples.forEach((id, i) => {
    t += p.timeDeltas[i];
    if (t >= from) hitsOf.set(id, (hitsOf.get(id) ?? 0) + 1);
  });
  const total = [...hitsOf.values()].reduce((a, b) => a + b, 0);
  const idle = [...hitsOf].filter(([id]) => nodes.get(id)?.callFrame.functionName === '(idle)').reduce((s, [, h]) => s + h, 0);
  const byFn = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const [id, hits] of hitsOf) {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    const short = url.replace(/^.*\/(node_modules|src|bench)\//, '$1/');
    const key = `${functionName || '(anonymous)'} ${short ? `${short}:${lineNumber + 1}` : ''}`.trim();
    byFn.set(key, (byFn.get(key) ?? 0) + hits);
    const a = area(url, functionName);
    byArea.set(a, (byArea.get(a) ?? 0) + hits);
  }
  const pct = (h: number, of: number) => ((100 * h) / of).toFixed(1);
  const busy = total - idle;
  const lines = [`${total} samples, ${pct(idle, total)}% idle; shares below are of the busy samples (${busy}).`, '', '| area | busy % |', '| --- | ---: |'];
  for (const [k, v] of [...byArea].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`| ${k} | ${pct(v, busy)} |`);
  lines.push('', '| function (self time) | busy % |', '| --- | ---: |');
  for (const [k, v] of [...byFn].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`| \`${k}\` | ${pct(v, busy)} |`);
  return lines.join('\n');
}

const USERS = 5000;

export async function profile(o: { dir: string; db: string; port: number; duration: number; log: (l: string) => void; out: string }): Promise<void> {
  const seeded = await prepare(o.db);
  // VerifyUserAttribute runs in rounds of one code a user, with pauses between them: with 1,000
  // users most of its profile's window was those pauses (a thousand busy samples in ten seconds).
  await seed(o.db, seeded, USERS, USERS);
  const users = await signIn(o.db, seeded, USERS, o.port);
  const sections: string[] = [`# Profile (${new Date().toISOString().slice(0, 10)})`, '', `\`node --cpu-prof\` on the server while one operation runs at 32 connections for ${o.duration} s, ${USERS.toLocaleString('en')} signed-in users; only the samples of the last ${o.duration} s (the load, not the start-up).`];
  for (const op of ['GetUserAttributeVerificationCode', 'VerifyUserAttribute', 'GetUser'] as Operation[]) {
    const profDir = join(o.dir, `prof-${op}`);
    const server = await startCognate(o.db, o.port, o.dir, ['--cpu-prof', '--cpu-prof-dir', profDir]);
    try {
      const target = { name: 'Cognate', url: server.url, pid: server.pid, clientId: seeded.client.clientId, users, codes: () => users.map(() => FIXED_CODE) };
      await runSuite(target, { duration: o.duration, connections: [32], operations: [op], log: o.log });
    } finally {
      await server.stop();
    }
    // One profile per thread (the checkpointer is a worker): the server's is the largest.
    const file = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')).sort((x, y) => statSync(join(profDir, y)).size - statSync(join(profDir, x)).size)[0];
    if (!file) throw new Error(`no profile written in ${profDir}`);
    o.log(`profile: ${join(profDir, file)}`);
    sections.push('', `## ${op}`, '', summarize(join(profDir, file), o.duration));
  }
  // The analysis written above the tables (by hand, from them) stays; the tables are replaced.
  const previous = existsSync(o.out) ? readFileSync(o.out, 'utf8') : '';
  const kept = previous.includes(TABLES_START) ? previous.slice(0, previous.indexOf(TABLES_START)) : '';
  writeFileSync(o.out, kept ? `${kept}${TABLES_START}\n\n${sections.slice(1).join('\n').replace(/^\n/, '')}\n` : sections.join('\n') + '\n');
  console.log(sections.join('\n'));
}
