import { validateContactDate, validateContactName } from "./contact-validation";
import { splitPlaces, validateClassYear, validatePitch, validatePlaces } from "./profile-validation";
import { validateMessage, validateModality, validateTimes } from "./request-validation";

describe("the student forms say what to fix", () => {
  it("asks for a pitch, then for a little more, then for less", () => {
    expect(validatePitch("  ")).toMatch(/Write a few sentences/);
    expect(validatePitch("I study economics.")).toBe("Say a little more: at least 40 characters (22 more).");
    expect(validatePitch("x".repeat(601))).toBe("Keep it to 600 characters: remove 1.");
    expect(validatePitch("I'm a junior in Computer Science exploring product management.")).toBeNull();
  });

  it("checks the class year and places", () => {
    expect(validateClassYear("")).toBeNull();
    expect(validateClassYear("27")).toBe("Enter a four-digit year, like 2027.");
    expect(validateClassYear(String(new Date().getFullYear() + 2))).toBeNull();
    expect(splitPlaces("Chicago, IL; Remote\nNew York")).toEqual(["Chicago, IL", "Remote", "New York"]);
    expect(validatePlaces(Array.from({ length: 11 }, (_, i) => `City ${i}`).join(";"))).toBe("List at most 10 places (you have 11).");
  });

  it("checks a request's message, times and way to meet", () => {
    expect(validateMessage("")).toMatch(/^Write a message/);
    expect(validateMessage("Hello, could we talk?")).toMatch(/more characters\.$/);
    expect(validateMessage("a".repeat(5001))).toBe("Keep it under 5000 characters: remove 1.");
    const now = Date.parse("2027-03-16T12:00:00Z");
    expect(validateTimes([], now)).toBe("Propose at least one time.");
    expect(validateTimes(["2027-03-15T12:00:00Z"], now)).toBe("Every time must be in the future.");
    expect(validateTimes(["2027-03-18T12:00:00Z", "2027-03-18T12:00:00Z"], now)).toBe("Propose different times.");
    expect(validateTimes(["2027-03-18T12:00:00Z", "2027-03-19T12:00:00Z"], now)).toBeNull();
    const four = ["2027-03-18T12:00:00Z", "2027-03-19T12:00:00Z", "2027-03-20T12:00:00Z", "2027-03-21T12:00:00Z"];
    expect(validateTimes(four.slice(0, 3), now)).toBeNull();
    expect(validateTimes(four, now)).toBe("Propose at most three times.");
    expect(validateModality(null)).toBe("Choose how you'd like to meet.");
  });

  it("checks a contact logged by hand", () => {
    expect(validateContactName(" ")).toBe("Write the person's name.");
    const today = new Date(2027, 2, 16);
    expect(validateContactDate("2027-03-17", today)).toBe("The date can't be in the future.");
    expect(validateContactDate("16/03/2027", today)).toBe("Enter a date like 2027-03-16.");
    expect(validateContactDate("2027-03-16", today)).toBeNull();
  });
});
