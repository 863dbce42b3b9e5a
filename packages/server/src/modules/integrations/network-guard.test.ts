import { guardedLookup, isPrivateAddress, privateTarget } from "./network-guard";

describe("isPrivateAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.0.9",
    "0.0.0.0",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.0.1",
    "169.254.169.254",
    "100.64.0.1",
    "224.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:169.254.169.254",
    "::ffff:10.0.0.1",
    "64:ff9b::7f00:1",
    "fc00::1",
    "fd12:3456:789a::1",
    "fe80::1",
    "fe80::1%eth0",
    "ff02::1",
    "[::1]",
    "not-an-address",
  ])("refuses %s", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(["93.184.215.14", "8.8.8.8", "172.32.0.1", "192.169.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"])(
    "allows %s",
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

describe("guardedLookup", () => {
  const run = (answer: Array<{ address: string; family: number }>, hostname = "hooks.example.com", all = false) =>
    new Promise<{ error: (Error & { code?: string }) | null; address: unknown }>((resolve) =>
      guardedLookup(async () => answer)(hostname, { all } as never, (error, address) => resolve({ error, address })),
    );

  it("passes public addresses through, one or all", async () => {
    expect(await run([{ address: "93.184.215.14", family: 4 }])).toEqual({ error: null, address: "93.184.215.14" });
    expect((await run([{ address: "93.184.215.14", family: 4 }], "hooks.example.com", true)).address).toEqual([
      { address: "93.184.215.14", family: 4 },
    ]);
  });

  it("refuses a name with any private address, and localhost whatever it resolves to", async () => {
    const mixed = await run([
      { address: "93.184.215.14", family: 4 },
      { address: "::ffff:127.0.0.1", family: 6 },
    ]);
    expect(mixed.error?.code).toBe("WEBHOOK_ADDRESS_PRIVATE");
    expect(mixed.error?.message).toContain("resolves to ::ffff:127.0.0.1");
    expect((await run([{ address: "93.184.215.14", family: 4 }], "localhost")).error?.code).toBe("WEBHOOK_ADDRESS_PRIVATE");
  });
});

describe("privateTarget", () => {
  it("judges literals and local names without DNS, and names by what they resolve to", async () => {
    const never = async () => {
      throw new Error("no DNS expected");
    };
    expect(await privateTarget("[::1]", never)).toBe("::1");
    expect(await privateTarget("8.8.8.8", never)).toBeNull();
    expect(await privateTarget("LOCALHOST", never)).toBe("LOCALHOST");
    expect(await privateTarget("db.internal.example", async () => [{ address: "10.9.8.7", family: 4 }])).toBe("10.9.8.7");
    expect(await privateTarget("hooks.example.com", async () => [{ address: "93.184.215.14", family: 4 }])).toBeNull();
    // Not resolvable now: accepted here; the delivery-time check decides.
    expect(await privateTarget("not-yet.example.com", async () => Promise.reject(new Error("ENOTFOUND")))).toBeNull();
  });
});
