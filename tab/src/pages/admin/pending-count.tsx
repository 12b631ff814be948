import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { requestsEndpoints } from "../../../../contract/requests.js";
import type { ApiClient } from "../../api-client/client.js";

interface PendingCount {
  /** Requests waiting for a decision; null until known. */
  count: number | null;
  refresh(): void;
}

const PendingCountContext = createContext<PendingCount>({ count: null, refresh: () => undefined });

/** Admins see how many requests wait, on the Management requests tab; deciding one refreshes it. */
export function PendingCountProvider({ api, organizationId, children }: { api: ApiClient; organizationId: string; children: ReactNode }) {
  const [count, setCount] = useState<number | null>(null);
  const refresh = useCallback(() => {
    // One row is enough: the list answers its total, and loads no more than that.
    api.call(requestsEndpoints.list, { params: { orgId: organizationId }, query: { status: "pending", limit: 1 } }).then(
      (page) => setCount(page.total ?? page.items.length),
      () => setCount(null),
    );
  }, [api, organizationId]);
  useEffect(refresh, [refresh]);
  return <PendingCountContext.Provider value={{ count, refresh }}>{children}</PendingCountContext.Provider>;
}

export const usePendingCount = () => useContext(PendingCountContext);
