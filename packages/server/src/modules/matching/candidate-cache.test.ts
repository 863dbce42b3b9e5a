import { CandidateCache } from "./candidate-cache";

describe("CandidateCache", () => {
  it("returns what was stored until it expires", () => {
    let now = 0;
    const cache = new CandidateCache(1000, 10, () => now);
    cache.set("a", ["x", "y"]);
    cache.set("empty", []);
    expect(cache.get("a")).toEqual(["x", "y"]);
    expect(cache.get("empty")).toEqual([]);
    expect(cache.get("b")).toBeNull();
    now = 1000;
    expect(cache.get("a")).toBeNull();
  });

  it("evicts the least recently used entry when full", () => {
    const cache = new CandidateCache(60_000, 2, () => 0);
    cache.set("a", ["1"]);
    cache.set("b", ["2"]);
    cache.get("a");
    cache.set("c", ["3"]);
    expect(cache.get("b")).toBeNull();
    expect(cache.get("a")).toEqual(["1"]);
    expect(cache.get("c")).toEqual(["3"]);
  });
});
