/**
 * The connector's memory of the bot tokens it accepted, so a test can make them stale at once (as a
 * key rollover or a revoked secret does in Microsoft's cloud): a bot must then fetch a new token and
 * retry rather than drop the card. Token ids (`uti`) are unique per token, so a fresh token passes.
 */
export class TokenRevocations {
  private readonly accepted = new Set<string>();
  private readonly stale = new Set<string>();

  seen(tokenId: string): void {
    if (this.accepted.size > 10_000) this.accepted.clear();
    this.accepted.add(tokenId);
  }

  revoked(tokenId: string): boolean {
    return this.stale.has(tokenId);
  }

  /** Every token accepted so far is refused from now on; answers how many. */
  revokeAll(): number {
    for (const id of this.accepted) this.stale.add(id);
    const count = this.accepted.size;
    this.accepted.clear();
    return count;
  }
}
