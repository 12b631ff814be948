/** Keyset cursors: opaque to clients, stable while rows are added or removed between pages. */
export function encodeCursor(values: Record<string, string>): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor<K extends string>(cursor: string | undefined, keys: readonly K[]): Record<K, string> | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;
    if (keys.every((k) => typeof parsed[k] === "string")) return parsed as Record<K, string>;
  } catch {
    /* falls through to null */
  }
  return null;
}
