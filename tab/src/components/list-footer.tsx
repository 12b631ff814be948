import { Button } from "@fluentui/react-components";
import { strings } from "../strings.js";
import type { PagedList } from "./use-paged-list.js";
import { EmptyView, ErrorView, Loading } from "./state-views.js";

/** Loading, error, empty and "load more" for any paged list. */
export function ListFooter<T>({ list, emptyText }: { list: PagedList<T>; emptyText: string }) {
  if (list.error) return <ErrorView error={list.error} onRetry={list.reload} />;
  if (list.loading) return <Loading />;
  if (list.items.length === 0) return <EmptyView text={emptyText} />;
  return list.hasMore ? <Button onClick={list.loadMore}>{strings.loadMore}</Button> : null;
}
