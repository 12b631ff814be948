/**
 * A small Prometheus registry (text exposition format 0.0.4). Labels are coarse on purpose:
 * outcomes and signals, never tenant ids or names, so the metrics say nothing about a school.
 */
type Labels = Record<string, string>;

const key = (labels: Labels) =>
  Object.keys(labels)
    .sort()
    .map((name) => `${name}="${labels[name]!.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`)
    .join(",");

export class Counter {
  private readonly values = new Map<string, number>();
  constructor(readonly name: string, readonly help: string) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = key(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  get(labels: Labels = {}): number {
    return this.values.get(key(labels)) ?? 0;
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [k, v] of this.values) lines.push(`${this.name}${k ? `{${k}}` : ""} ${v}`);
    return lines;
  }
}

export class Histogram {
  private readonly series = new Map<string, { buckets: number[]; sum: number; count: number }>();
  constructor(readonly name: string, readonly help: string, readonly bounds: number[]) {}
  observe(value: number, labels: Labels = {}): void {
    const k = key(labels);
    let s = this.series.get(k);
    if (!s) this.series.set(k, (s = { buckets: this.bounds.map(() => 0), sum: 0, count: 0 }));
    this.bounds.forEach((bound, i) => {
      if (value <= bound) s!.buckets[i]!++;
    });
    s.sum += value;
    s.count++;
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [k, s] of this.series) {
      const sep = k ? "," : "";
      this.bounds.forEach((bound, i) => lines.push(`${this.name}_bucket{${k}${sep}le="${bound}"} ${s.buckets[i]}`));
      lines.push(`${this.name}_bucket{${k}${sep}le="+Inf"} ${s.count}`);
      lines.push(`${this.name}_sum${k ? `{${k}}` : ""} ${s.sum}`);
      lines.push(`${this.name}_count${k ? `{${k}}` : ""} ${s.count}`);
    }
    return lines;
  }
}

/** A gauge read at scrape time (outbox depth and age come from the database, shared by all instances). */
export interface Gauge {
  name: string;
  help: string;
  read(): Promise<number>;
}

/** The metrics an operator watches (docs/spec.md §10). */
export function createMetrics() {
  const signIns = new Counter("rosterlink_sign_ins_total", "Sign-ins (POST /api/session) by outcome.");
  const graphLatency = new Histogram(
    "rosterlink_graph_request_duration_seconds",
    "Microsoft Graph calls made at sign-up, by signal.",
    [0.05, 0.1, 0.25, 0.5, 1, 2, 4],
  );
  const graphRetries = new Counter("rosterlink_graph_retries_total", "Microsoft Graph retries at sign-up, by reason.");
  const gauges: Gauge[] = [];
  return {
    signIns,
    graphLatency,
    graphRetries,
    addGauge(gauge: Gauge) {
      gauges.push(gauge);
    },
    async render(): Promise<string> {
      const lines = [...signIns.render(), ...graphLatency.render(), ...graphRetries.render()];
      for (const gauge of gauges) {
        lines.push(`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} gauge`, `${gauge.name} ${await gauge.read()}`);
      }
      return `${lines.join("\n")}\n`;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
