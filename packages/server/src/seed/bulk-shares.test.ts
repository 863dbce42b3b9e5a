import { FLAGSHIP_SHARE, institutionShares, spread } from "./bulk-sql";

describe("how the bulk seed divides people and requests", () => {
  it("splits evenly, remainder first", () => {
    expect(spread(10, 3)).toEqual([4, 3, 3]);
    expect(spread(2, 4)).toEqual([1, 1, 0, 0]);
  });

  it("gives the benchmark's flagship 20,000 of 50,000 alumni and 400,000 of 1,000,000 requests over 10 institutions", () => {
    const alumni = institutionShares(50_000, 10);
    expect(alumni[0]).toBe(50_000 * FLAGSHIP_SHARE);
    expect(alumni[0]).toBeGreaterThanOrEqual(20_000);
    expect(alumni.slice(1)).toEqual(
      Array(9)
        .fill(30_000 / 9)
        .map((x, k) => Math.floor(x) + (k < 30_000 % 9 ? 1 : 0)),
    );
    expect(institutionShares(1_000_000, 10)[0]).toBe(400_000);
    for (const [total, parts] of [
      [50_000, 10],
      [7, 3],
      [1_000_001, 7],
    ]) {
      expect(institutionShares(total, parts).reduce((a, b) => a + b, 0)).toBe(total);
    }
  });

  it("stays even below three institutions", () => {
    expect(institutionShares(21, 2)).toEqual([11, 10]);
    expect(institutionShares(5, 1)).toEqual([5]);
  });
});
