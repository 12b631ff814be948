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

/** Ids in paths are GUIDs; anything else cannot name a row (and PostgreSQL's uuid columns would refuse it). */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
