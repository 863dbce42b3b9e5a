import { compareFairness, DEFAULT_SIMULATION, gini } from "./fairness-simulation";

describe("gini", () => {
  it("is 0 for an even spread and approaches 1 when one gets everything", () => {
    expect(gini([3, 3, 3, 3])).toBe(0);
    expect(gini([0, 0, 0, 12])).toBeCloseTo(0.75);
    expect(gini([])).toBe(0);
  });
});

describe("the fairness term (simulated; numbers in docs/matching.md)", () => {
  const { withFairness, withoutFairness } = compareFairness(DEFAULT_SIMULATION);

  it("spreads requests across more alumni", () => {
    expect(withFairness.requests).toBe(withoutFairness.requests);
    expect(withFairness.gini).toBeLessThan(withoutFairness.gini - 0.05);
    expect(withFairness.top10Share).toBeLessThan(withoutFairness.top10Share);
    expect(withFairness.neverAsked).toBeLessThan(withoutFairness.neverAsked);
    expect(withFairness.maxPerAlum).toBeLessThan(withoutFairness.maxPerAlum);
  });

  it("costs little match quality", () => {
    expect(withFairness.meanMatchQuality).toBeGreaterThan(withoutFairness.meanMatchQuality * 0.85);
  });

  it("reports the numbers", () => {
    console.log(JSON.stringify({ withoutFairness, withFairness }, null, 1));
    expect(withFairness.requests).toBe(DEFAULT_SIMULATION.students * DEFAULT_SIMULATION.requestsPerStudent);
  });
});
