/**
 * Runs tasks with at most `concurrency` in flight. Sends wait on Teams' latency (100–300 ms in a real
 * tenant), so one at a time could never reach a tenant's 50 a second; the rate limiter, not this pool,
 * decides how fast they go. A task's failure is its own: the tasks handle their errors.
 */
export async function runPool(tasks: Array<() => Promise<void>>, concurrency: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, tasks.length)) }, lane));
}
