// Peak resident memory of the worker runtime (workerd processes under wrangler), by
// polling /proc, as the workerd binary reports nothing itself.
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so split after ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function descendants(root: number): number[] {
  const pids = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
  const children = new Map<number, number[]>();
  for (const pid of pids) {
    const ppid = parentOf(pid);
    if (ppid !== undefined) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length)
    for (const c of children.get(stack.pop()!) ?? []) {
      out.push(c);
      stack.push(c);
    }
  return out;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

const isWorkerd = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'workerd';
  } catch {
    return false;
  }
};

/** Polls the workerd processes under `root` and keeps the peak of their summed RSS. */
export function watchWorkerd(root: number, everyMs = 200) {
  let peakKb = 0;
  const sample = () => {
    const workerd = descendants(root).filter(isWorkerd);
    const rss = workerd.reduce((s, pid) => s + statusKb(pid, 'VmRSS'), 0);
    // VmHWM is the kernel's own high-water mark, which catches peaks between polls.
    const hwm = workerd.reduce((s, pid) => s + statusKb(pid, 'VmHWM'), 0);
    peakKb = Math.max(peakKb, rss, hwm);
  };
  const timer = setInterval(sample, everyMs);
  sample();
  return {
    peakMb: () => {
      sample();
      return Math.round(peakKb / 1024);
    },
    stop: () => clearInterval(timer),
  };
}
