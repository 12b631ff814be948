/** The person's Teams id (29:…) in a stored conversation reference, when it has one. */
export function userMriOf(reference: unknown): string | undefined {
  const id = (reference as { user?: { id?: unknown } } | null)?.user?.id;
  return typeof id === "string" && id ? id : undefined;
}
