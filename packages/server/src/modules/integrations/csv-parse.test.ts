import { CsvSyntaxError, parseCsv } from "./csv-parse";

describe("parseCsv", () => {
  it("reads plain, quoted and multi-line fields with LF or CRLF line ends", () => {
    expect(parseCsv('a,b,c\r\n1,"x, y","say ""hi"""\n2,"two\nlines",\n')).toEqual([
      ["a", "b", "c"],
      ["1", "x, y", 'say "hi"'],
      ["2", "two\nlines", ""],
    ]);
  });

  it("skips blank lines and a byte-order mark", () => {
    expect(parseCsv("\ufeffa,b\n\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("reports broken quoting with its line", () => {
    expect(() => parseCsv('a\n"open')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\nx"y')).toThrow("line 2");
    expect(() => parseCsv('a\n"x"y')).toThrow("line 2");
  });
});
