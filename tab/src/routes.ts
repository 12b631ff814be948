import { useEffect, useState } from "react";

/** Where the tab is: the manifest's tabs open `#/home` and `#/admin`; admin sub-pages below that. */
export interface TabRoute {
  path: string[];
  params: URLSearchParams;
}

export function parseHash(hash: string): TabRoute {
  const [pathPart = "", query = ""] = hash.replace(/^#\/?/, "").split("?");
  const path = pathPart.split("/").filter(Boolean);
  return { path: path.length > 0 ? path : ["home"], params: new URLSearchParams(query) };
}

export function useRoute(): TabRoute {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

export function navigate(path: string): void {
  location.hash = `#/${path}`;
}
