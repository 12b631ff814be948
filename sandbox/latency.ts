import { setTimeout as sleep } from "node:timers/promises";

/** Where the sandbox waits before answering, as Microsoft's services take time to. */
export type LatencyKind = "token" | "onBehalfOf" | "graph";

/** Milliseconds, drawn uniformly between min and max for each answer. */
export type LatencyRange = { min: number; max: number };

export type LatencySettings = Record<LatencyKind, LatencyRange>;

/**
 * Close to what Entra ID and Graph take from a nearby Azure region: tokens and on-behalf-of exchanges a
 * hundred to a few hundred milliseconds, simple Graph reads tens of milliseconds to a couple hundred.
 */
export const MICROSOFT_LATENCY: LatencySettings = {
  token: { min: 80, max: 250 },
  onBehalfOf: { min: 100, max: 300 },
  graph: { min: 40, max: 200 },
};

export const NO_LATENCY: LatencySettings = {
  token: { min: 0, max: 0 },
  onBehalfOf: { min: 0, max: 0 },
  graph: { min: 0, max: 0 },
};

/** Injected latency; off unless asked for, so tests stay fast. */
export class Latency {
  constructor(private settings: LatencySettings = NO_LATENCY) {}

  get current(): LatencySettings {
    return this.settings;
  }

  set(settings: LatencySettings): void {
    this.settings = settings;
  }

  async wait(kind: LatencyKind): Promise<void> {
    const { min, max } = this.settings[kind];
    if (max <= 0) return;
    await sleep(min + Math.random() * (max - min));
  }
}

/** Parses `microsoft`, `none`, or `token=80-250,onBehalfOf=100-300,graph=40-200` (ranges or single values). */
export function parseLatency(text: string): LatencySettings {
  const value = text.trim().toLowerCase();
  if (value === "microsoft") return MICROSOFT_LATENCY;
  if (value === "none" || value === "off" || value === "0") return NO_LATENCY;
  const settings: LatencySettings = { ...NO_LATENCY };
  for (const part of text.split(",")) {
    const match = /^\s*(token|onBehalfOf|graph)\s*=\s*(\d+)(?:\s*-\s*(\d+))?\s*$/.exec(part);
    if (!match) throw new Error(`latency: expected microsoft, none or token=MIN-MAX,onBehalfOf=MIN-MAX,graph=MIN-MAX, got '${part}'`);
    const min = Number(match[2]);
    const max = Number(match[3] ?? match[2]);
    if (max < min) throw new Error(`latency: ${match[1]} range ${min}-${max} is backwards`);
    settings[match[1] as LatencyKind] = { min, max };
  }
  return settings;
}
