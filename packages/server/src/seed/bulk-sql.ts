/** Small helpers for the set-based statements of the bulk seed. */

/**
 * Positional parameters by name, each with an explicit type, so long statements stay readable.
 * A parameter gets its position when first used: PostgreSQL rejects parameters it never sees.
 */
export class Params {
  readonly values: unknown[] = [];
  private readonly index = new Map<string, string>();
  constructor(
    private readonly named: Record<string, unknown>,
    private readonly types: Record<string, string> = {},
  ) {}
  p(name: string): string {
    let placeholder = this.index.get(name);
    if (!placeholder) {
      if (!(name in this.named)) throw new Error(`unknown parameter ${name}`);
      const value = this.named[name];
      const type = this.types[name] ?? (Array.isArray(value) ? "text[]" : typeof value === "number" ? "bigint" : "text");
      this.values.push(value);
      placeholder = `($${this.values.length}::${type})`;
      this.index.set(name, placeholder);
    }
    return placeholder;
  }
}

/** A well-mixed, non-negative hash of g: one independent stream per seed, the same on every run. */
export function hashOf(q: Params, seed: number, of = "g"): string {
  return `(hashint8extended((${of})::bigint, ${q.p("salt")} + ${seed}) & 9223372036854775807)`;
}

/** A 1-based index into an array parameter. */
export function indexInto(q: Params, array: string, seed: number): string {
  return `(1 + ${hashOf(q, seed)} % cardinality(${q.p(array)}))::int`;
}

export function pick(q: Params, array: string, seed: number): string {
  return `${q.p(array)}[${indexInto(q, array, seed)}]`;
}

/** `total` split over `parts` as evenly as possible; the first ones get the remainder. */
export function spread(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, k) => Math.floor(total / parts) + (k < total % parts ? 1 : 0));
}

/** The flagship's share when there are three institutions or more: real systems have one large university among smaller colleges. */
export const FLAGSHIP_SHARE = 0.4;

/**
 * How the bulk seed divides people and requests: with three institutions or more the first (the flagship) takes
 * FLAGSHIP_SHARE and the rest split the remainder evenly, so 50,000 alumni over 10 institutions puts 20,000 in one;
 * with fewer, an even split.
 */
export function institutionShares(total: number, parts: number): number[] {
  if (parts < 3) return spread(total, parts);
  const flagship = Math.round(total * FLAGSHIP_SHARE);
  return [flagship, ...spread(total - flagship, parts - 1)];
}
