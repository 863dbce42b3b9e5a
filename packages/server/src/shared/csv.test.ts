import { csvCell, toCsv } from "./csv";

describe("csvCell", () => {
  it("leaves plain text alone and writes nothing for null", () => {
    expect(csvCell("Data Scientist")).toBe("Data Scientist");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("quotes commas, quotes and line breaks as RFC 4180 says, doubling quotes", () => {
    expect(csvCell("Acme, Inc.")).toBe('"Acme, Inc."');
    expect(csvCell('She said "network"')).toBe('"She said ""network"""');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(csvCell("a\r\nb")).toBe('"a\r\nb"');
  });

  it.each(['=HYPERLINK("http://evil.example")', "+1 555 0100", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "  =1+1"])(
    "defuses %j with a leading quote",
    (value) => {
      expect(csvCell(value).replace(/^"/, "").startsWith("'")).toBe(true);
    },
  );

  it("defuses and quotes a formula that also holds a comma", () => {
    expect(csvCell('=IMPORTXML("x", "y")')).toBe(`"'=IMPORTXML(""x"", ""y"")"`);
  });

  it("leaves text with those characters later on alone", () => {
    expect(csvCell("a=b, c@d")).toBe('"a=b, c@d"');
    expect(csvCell("2025-03-14")).toBe("2025-03-14");
  });
});

describe("toCsv", () => {
  it("ends every record, the header included, with CRLF", () => {
    expect(
      toCsv(
        ["Name", "Note"],
        [
          ["Kim", "hi, there"],
          ["Lee", null],
        ],
      ),
    ).toBe('Name,Note\r\nKim,"hi, there"\r\nLee,\r\n');
  });
});
