/** An API answer that was not a success, with the problem's stable code and its detail for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly body: Record<string, unknown>,
  ) {
    super(detail);
    this.name = "ApiError";
  }
}

/** Turns any failure into the sentence a person should read (the problem's detail, never a stack). */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error) return error.message;
  return String(error);
}
