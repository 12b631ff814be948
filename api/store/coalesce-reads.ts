/** One way to run reads: a statement for one key, and one for many that hands back each row with its key. */
export interface ReadLane<K, R> {
  one(key: K): Promise<R | undefined>;
  many(keys: K[]): Promise<Map<string, R>>;
}

type Waiting<K, R> = { key: K; resolve: (row: R | undefined) => void; reject: (error: unknown) => void };

/**
 * Reads that coalesce under load. Each lane runs one statement at a time; while every lane is busy, new
 * reads wait, and the next lane to come free takes all of them (up to `maxBatch`) in one statement. An idle
 * server still answers each read at once, alone. Nothing is cached: every read sees the database as it is
 * when its statement runs, which is never earlier than when the read was asked for.
 */
export function coalesceReads<K, R>(lanes: Array<ReadLane<K, R>>, options: { maxBatch: number; keyOf: (key: K) => string }): (key: K) => Promise<R | undefined> {
  const queue: Array<Waiting<K, R>> = [];
  const idle = [...lanes];

  const run = (lane: ReadLane<K, R>, batch: Array<Waiting<K, R>>): void => {
    const settled =
      batch.length === 1
        ? lane.one(batch[0]!.key).then((row) => batch[0]!.resolve(row))
        : lane.many(batch.map((waiting) => waiting.key)).then((rows) => {
            for (const waiting of batch) waiting.resolve(rows.get(options.keyOf(waiting.key)));
          });
    void settled
      .catch((error: unknown) => {
        for (const waiting of batch) waiting.reject(error);
      })
      .then(() => {
        if (queue.length) run(lane, queue.splice(0, options.maxBatch));
        else idle.push(lane);
      });
  };

  return (key) =>
    new Promise<R | undefined>((resolve, reject) => {
      queue.push({ key, resolve, reject });
      const lane = idle.pop();
      if (lane) run(lane, queue.splice(0, options.maxBatch));
    });
}
