// Giving the main thread back between the parts of one piece of work (start-up, an
// answer arriving), so that input, paint and other work run in between and no single
// task holds a slow phone for long. Long tasks are what a person feels as a page that
// does not react; Lighthouse counts them as blocking time.

interface Scheduler {
  yield(): Promise<void>;
}

/**
 * Resolves in a new task: `scheduler.yield()` where the browser has it (the rest of the
 * work keeps its place ahead of other queued tasks), else a zero-delay timeout.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<Scheduler> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Resolves when the browser has a moment, at the latest after `timeoutMs`: for work nobody waits for. */
export function whenIdle(timeoutMs = 1000): Promise<void> {
  return new Promise((resolve) => {
    if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, 50);
  });
}
