import { randomBytes } from "node:crypto";
import { SecretBox } from "./secret-box";

describe("SecretBox", () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  it("seals so that the stored text does not contain the secret, and opens it again", () => {
    const box = new SecretBox(oldKey);
    const sealed = box.seal("client-secret-123");
    expect(sealed).not.toContain("client-secret-123");
    expect(box.open(sealed)).toBe("client-secret-123");
  });

  it("opens values sealed with a previous key after a rotation, and marks them stale", () => {
    const sealed = new SecretBox(oldKey).seal("s3cret");
    const rotated = new SecretBox(newKey, [oldKey]);
    expect(rotated.open(sealed)).toBe("s3cret");
    expect(rotated.isStale(sealed)).toBe(true);
    expect(rotated.isStale(rotated.seal("s3cret"))).toBe(false);
  });

  it("refuses a value sealed with a key it does not have, and a tampered value", () => {
    const sealed = new SecretBox(oldKey).seal("s3cret");
    expect(() => new SecretBox(newKey).open(sealed)).toThrow(/not configured/);
    const parts = sealed.split(".");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => new SecretBox(oldKey).open(parts.join("."))).toThrow();
  });
});
