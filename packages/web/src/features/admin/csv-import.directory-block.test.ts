import { csvProblem, sampleCsv } from "./csv-import";

describe("the directoryBlock column of the roster CSV", () => {
  it("is accepted on the student roster, under its aliases, and is in the sample", () => {
    expect(csvProblem("STUDENT", "externalId,email,displayName,directoryBlock\nS-1,a@b.example,A,yes\n")).toBeNull();
    expect(csvProblem("STUDENT", "id,email,name,FERPA block\nS-1,a@b.example,A,no\n")).toBeNull();
    expect(sampleCsv("STUDENT").split("\n")[0]).toContain("directoryBlock");
    expect(csvProblem("STUDENT", sampleCsv("STUDENT"))).toBeNull();
  });

  it("is unknown on the alumni roster, as the server says", () => {
    expect(csvProblem("ALUMNUS", "externalId,email,displayName,directoryBlock\nA-1,a@b.example,A,yes\n")).toMatch(
      /Unknown: “directoryBlock”/,
    );
  });
});
