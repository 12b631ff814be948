/** One Graph request as the sandbox saw it; tests use the log to prove a path did (or did not) call Graph. */
export interface GraphRequestRecord {
  upn: string | null;
  method: string;
  path: string;
  status: number;
  at: string;
}

const MAX_RECORDS = 5000;

export class GraphRequestLog {
  private records: GraphRequestRecord[] = [];

  add(record: GraphRequestRecord): void {
    this.records.push(record);
    // A long-running sandbox must not grow without bound.
    if (this.records.length > MAX_RECORDS) this.records = this.records.slice(-MAX_RECORDS);
  }

  list(upn?: string | null): GraphRequestRecord[] {
    const key = upn?.toLowerCase();
    return key ? this.records.filter((r) => r.upn === key) : [...this.records];
  }

  clear(): void {
    this.records = [];
  }
}
