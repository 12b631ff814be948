import { useCallback, useEffect, useRef, useState } from "react";

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedList<T> {
  items: T[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
  /** Replaces one item in place (after an edit) without reloading the list. */
  update(match: (item: T) => boolean, next: T | null): void;
}

/**
 * Lists page on the server (docs/spec.md §8): the first page loads when `key` changes (a new search), further
 * pages append with the server's cursor. Answers to an older search are dropped.
 */
export function usePagedList<T>(load: (cursor: string | undefined) => Promise<Page<T>>, key: string): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const fetchPage = useCallback((from: string | undefined, append: boolean) => {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    loadRef.current(from).then(
      (page) => {
        if (mine !== generation.current) return;
        setItems((previous) => (append ? [...previous, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(failure);
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => fetchPage(undefined, false), [key, fetchPage]);

  return {
    items,
    loading,
    error,
    hasMore: cursor !== null,
    loadMore: () => cursor !== null && fetchPage(cursor, true),
    reload: () => fetchPage(undefined, false),
    update: (match, next) => setItems((previous) => previous.flatMap((item) => (match(item) ? (next ? [next] : []) : [item]))),
  };
}

/** Waits until typing pauses before searching on the server. */
export function useDebounced(value: string, delayMs = 300): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
