/**
 * Where the machine's CPU went over a measurement, from /proc: the PostgreSQL server's processes
 * (the backends serving the Cognate instances' connections, its background processes, and
 * backends serving anyone else), the Cognate instances, the load generator, and everything else.
 * A backend is told apart by the client port in its process title (`postgres: 15/main: user db
 * 127.0.0.1(54321) idle`), matched against the ports of the instances' own sockets to the database.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { machineBusy, processCpu } from './flow-load.ts';

/** CPU seconds (user + kernel) over the measurement, by whom. */
export interface CpuSplit {
  /** Wall-clock seconds between the two snapshots. */
  wall: number;
  /** Backends serving the instances' connections. */
  backends: number;
  /** How many such backends there were. */
  backendCount: number;
  /** The postmaster, checkpointer, WAL writer and the other processes serving no client. */
  background: number;
  /** Backends serving other clients (other work on the machine): noise, not counted as the database's cost. */
  otherBackends: number;
  cognate: number;
  generators: number;
  /** The rest of the machine's busy time: other work on it. */
  other: number;
}

type Kind = 'backend' | 'background' | 'otherBackend';

interface Snapshot {
  at: number;
  machine: number;
  postgres: Map<number, { kind: Kind; cpu: number }>;
  cognate: number;
  generators: number;
}

const total = (pid: number) => {
  const c = processCpu(pid);
  return c.user + c.sys;
};

/** This process's own CPU and that of its children it has reaped (a generator in a process of its own, once it ended). */
function selfAndReaped(): number {
  const st = readFileSync('/proc/self/stat', 'utf8');
  const rest = st.slice(st.lastIndexOf(')') + 2).split(' ').map(Number);
  return (rest[11]! + rest[12]! + rest[13]! + rest[14]!) / 100;
}

/** The local ports of `pid`'s TCP connections to `dbPort`: the client ports its backends show. */
export function portsToDatabase(pid: number, dbPort: number): Set<number> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // The descriptor closed while the folder was read.
    }
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[];
    try {
      lines = readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || !inodes.has(f[9]!)) continue;
      const local = parseInt(f[1]!.split(':').pop()!, 16);
      const remote = parseInt(f[2]!.split(':').pop()!, 16);
      if (remote === dbPort) ports.add(local);
    }
  }
  return ports;
}

/** Every process named postgres, by kind: a backend of `ours` (client ports), another client's backend, or a background process. */
function postgresProcesses(ours: Set<number>): Map<number, { kind: Kind; cpu: number }> {
  const out = new Map<number, { kind: Kind; cpu: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    let title: string;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
    } catch {
      continue;
    }
    const port = /\((\d+)\)/.exec(title);
    const kind: Kind = port && ours.has(Number(port[1])) ? 'backend' : port || title.includes('[local]') ? 'otherBackend' : 'background';
    out.set(pid, { kind, cpu: total(pid) });
  }
  return out;
}

/** Whether the postgres processes can be told apart here (Linux, /proc readable). */
export function canSplit(): boolean {
  try {
    readdirSync('/proc/self/fd');
    return Number.isFinite(machineBusy());
  } catch {
    return false;
  }
}

/**
 * Snapshots before and after a measurement. `instances`: the Cognate processes; `dbPort`: the
 * database's port. The generator is this process (and its children reaped meanwhile).
 */
export function cpuWatch(instances: number[], dbPort: number): { stop(): CpuSplit } {
  const ours = () => new Set(instances.flatMap((pid) => [...portsToDatabase(pid, dbPort)]));
  const snap = (ports: Set<number>): Snapshot => ({
    at: performance.now(), machine: machineBusy(), postgres: postgresProcesses(ports),
    cognate: instances.reduce((s, pid) => s + total(pid), 0), generators: selfAndReaped(),
  });
  const portsBefore = ours();
  const before = snap(portsBefore);
  return {
    stop() {
      // Connections opened during the measurement count as the instances' too.
      const after = snap(new Set([...portsBefore, ...ours()]));
      const split: CpuSplit = {
        wall: (after.at - before.at) / 1000, backends: 0, backendCount: 0, background: 0, otherBackends: 0,
        cognate: after.cognate - before.cognate, generators: after.generators - before.generators, other: 0,
      };
      // A process born during the measurement spent all its CPU in it; one that ended is lost (the pools keep theirs open).
      for (const [pid, p] of after.postgres) {
        const used = p.cpu - (before.postgres.get(pid)?.cpu ?? 0);
        if (p.kind === 'backend') {
          split.backends += used;
          split.backendCount++;
        } else if (p.kind === 'background') split.background += used;
        else split.otherBackends += used;
      }
      const counted = split.backends + split.background + split.otherBackends + split.cognate + split.generators;
      split.other = Math.max(0, after.machine - before.machine - counted);
      return split;
    },
  };
}
