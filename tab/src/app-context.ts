import { createContext, useContext } from "react";
import type { ClientConfig } from "../../contract/client-config.js";
import type { SessionResponse } from "../../contract/session.js";
import type { ApiClient } from "./api-client/client.js";
import type { TabHost } from "./host.js";

export interface AppServices {
  config: ClientConfig;
  host: TabHost;
  api: ApiClient;
  session: SessionResponse;
  reloadSession(): Promise<void>;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error("useApp outside <App>");
  return services;
}
