/**
 * A load run in a process of its own, as a user's own load tool runs (autocannon in its own
 * process): `node bench/load-process.ts <spec.json>` prints the LoadResult as JSON. load.ts's
 * loadApart starts it; the generator's JavaScript then competes with the server as another
 * process would, not inside the benchmark's own event loop.
 */
import { readFileSync } from 'node:fs';
import { load, type LoadSpec } from './load.ts';

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadSpec;
const result = await load(spec);
process.stdout.write(JSON.stringify({ ...result, samples: [...result.samples] }));
