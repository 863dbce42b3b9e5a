/**
 * Remembers, per student and filter, which alumni the full candidate query picked, so the next pages and
 * visits re-check only those (by primary key) instead of scanning every alum again. Only the choice of
 * candidates is remembered: hard filters, load, responsiveness and availability are read fresh every time.
 * An entry lives `ttlMs` and is keyed by the student's profile version, so editing the profile starts afresh.
 * Alumni who newly join (or newly match) appear once the entry expires.
 */
export class CandidateCache {
  /** Ids joined into one string: about 3.7 kB per entry for 100 candidates, so 10,000 students fit in ~40 MB. */
  private readonly entries = new Map<string, { ids: string; expiresAt: number }>();

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly maxEntries = 10_000,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  get(key: string): string[] | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.clock()) {
      this.entries.delete(key);
      return null;
    }
    // Most recently used last, so the oldest is evicted first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.ids === "" ? [] : entry.ids.split(",");
  }

  set(key: string, ids: string[]): void {
    this.entries.delete(key);
    this.entries.set(key, { ids: ids.join(","), expiresAt: this.clock() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
