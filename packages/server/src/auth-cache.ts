/**
 * A short-lived, bounded cache of authenticated callers, so a read does not pay a database round
 * trip to learn who is calling. Entries live `ttlMs` (config `authCacheMs`, 0 turns it off).
 *
 * Consistency: this process drops the whole cache on every change that can narrow access (sign-out,
 * shop switch, role change, member removal, token revocation). Other processes sharing the database
 * see such a change within `ttlMs` at the latest — the bound to state when running several servers.
 */
export class AuthCache<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    if (this.ttlMs <= 0) return undefined;
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    if (this.ttlMs <= 0) return;
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
  }

  /** Forgets everyone: called after any change to sessions, memberships or tokens. */
  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
