import { availableParallelism } from "node:os";
import { processCount } from "./cluster";

describe("how many server processes npm start runs", () => {
  it("runs one per core by default", () => {
    expect(processCount({})).toBe(availableParallelism());
  });

  it("runs one with the demo's built-in OpenID Provider, whose sign-in steps live in one process's memory", () => {
    expect(processCount({}, true)).toBe(1);
  });

  it("takes INFOVIEW_PROCESSES, else WEB_CONCURRENCY, over either default", () => {
    expect(processCount({ INFOVIEW_PROCESSES: "3" }, true)).toBe(3);
    expect(processCount({ WEB_CONCURRENCY: "2" }, true)).toBe(2);
    expect(processCount({ INFOVIEW_PROCESSES: "1", WEB_CONCURRENCY: "4" })).toBe(1);
  });
});
