/**
 * Where a tenant's next send may go, given the sends already placed: at most `max` in any sliding second, and
 * never two closer than 1/60 s (so a pause is caught up at ≤ 60 a second, and calls that arrive at Teams a
 * little bunched still make no second of more than 50). Pure: the outbox's in-process limiter
 * (bot/outbox/rate-limiter.ts) and the pace shared through the database (tenant-send-slots.ts) both place
 * slots with it, so the two agree on what a free place is.
 */
export const TENANT_WINDOW_MS = 1_000;
export const TENANT_GAP_MS = 1_000 / 60;
const EPS = 1e-6;

/**
 * The earliest time ≥ `from` that keeps every sliding second at ≤ `max` slots (this one included) and stays
 * a gap away from every other slot. `slots` is sorted; a later slot never blocks an earlier free place.
 */
export function earliestTenantSlot(slots: readonly number[], from: number, max: number): number {
  let at = from;
  for (let moved = true; moved; ) {
    moved = false;
    // No other send closer than TENANT_GAP_MS.
    for (const slot of slots) {
      // EPS: slots one gap apart are computed by adding, so they differ from `at - gap` by rounding.
      if (slot <= at - TENANT_GAP_MS + EPS) continue;
      if (slot >= at + TENANT_GAP_MS - EPS) break;
      at = slot + TENANT_GAP_MS;
      moved = true;
    }
    // Every one-second window containing `at` starts at `at` or at a slot before it (within a second).
    for (let i = lowerBound(slots, at - TENANT_WINDOW_MS + EPS); i < slots.length && slots[i]! <= at; i++) {
      const start = slots[i]!;
      if (lowerBound(slots, start + TENANT_WINDOW_MS + EPS) - i + 1 > max) {
        at = start + TENANT_WINDOW_MS + EPS;
        moved = true;
        break;
      }
    }
    if (!moved && lowerBound(slots, at + TENANT_WINDOW_MS + EPS) - lowerBound(slots, at) + 1 > max) {
      // The window starting at `at` itself is full of later slots: go after them.
      at = slots[lowerBound(slots, at) + max - 1]! + TENANT_GAP_MS;
      moved = true;
    }
  }
  return at;
}

/** The index of the first element ≥ value. */
export function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
