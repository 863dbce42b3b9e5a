import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from "node:dns";
import { BlockList, isIP, isIPv4 } from "node:net";

/**
 * Keeps webhooks away from the server's own networks (SSRF): loopback, private, link-local (the cloud
 * metadata service at 169.254.169.254), unique-local, carrier-grade NAT, multicast, reserved and
 * documentation ranges, for IPv4 and IPv6 — IPv4-mapped (::ffff:127.0.0.1) and NAT64 (64:ff9b::/96)
 * addresses are judged by the IPv4 address inside. WEBHOOK_ALLOW_PRIVATE_NETWORKS lifts the guard (tests,
 * or an on-premise receiver).
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 96], // unspecified (::), IPv4-compatible (deprecated)
  ["::1", 128],
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique-local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const)
  blocked.addSubnet(network, prefix, "ipv6");

/** The 8 groups of an IPv6 address, or null. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase().split("%")[0];
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[2].split(".").map(Number);
    text = `${v4[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const fill = tail === null ? 0 : 8 - left.length - right.length;
  if (fill < 0) return null;
  const groups = [...left, ...Array<string>(fill).fill("0"), ...right].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

/** Whether an IP address (v4 or v6) is one a webhook must not reach. Anything that is not an IP address counts as private. */
export function isPrivateAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, "");
  if (isIPv4(ip)) return blocked.check(ip, "ipv4");
  if (isIP(ip) !== 6) return true;
  const g = ipv6Groups(ip);
  if (!g) return true;
  // The IPv4 address inside an IPv4-mapped or NAT64 address decides.
  const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (mapped || nat64) return blocked.check(`${g[6] >> 8}.${g[6] & 0xff}.${g[7] >> 8}.${g[7] & 0xff}`, "ipv4");
  return blocked.check(ip, "ipv6");
}

/** Names that always mean this machine, whatever DNS says. */
export const isLocalName = (hostname: string): boolean => {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost");
};

export type LookupAll = (hostname: string) => Promise<LookupAddress[]>;
export const lookupAll: LookupAll = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

export class PrivateAddressError extends Error {
  readonly code = "WEBHOOK_ADDRESS_PRIVATE";
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(
      hostname === address
        ? `${address} is a private, loopback or link-local address; webhooks are not sent there (WEBHOOK_ALLOW_PRIVATE_NETWORKS)`
        : `${hostname} resolves to ${address}, a private, loopback or link-local address; webhooks are not sent there (WEBHOOK_ALLOW_PRIVATE_NETWORKS)`,
    );
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request / net.connect that resolves the name once and refuses private addresses: the
 * connection goes to the very address that was checked, so a DNS answer cannot change in between.
 */
export function guardedLookup(resolve: LookupAll = lookupAll) {
  return (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void => {
    resolve(hostname).then(
      (found) => {
        const bad = isLocalName(hostname) ? (found[0] ?? { address: hostname }) : found.find((a) => isPrivateAddress(a.address));
        if (bad) return callback(new PrivateAddressError(hostname, bad.address), "");
        const family = typeof options === "object" && options.family ? Number(String(options.family).replace("IPv", "")) : 0;
        const usable = family ? found.filter((a) => a.family === family) : found;
        if (usable.length === 0) return callback(Object.assign(new Error(`${hostname} has no usable address`), { code: "ENOTFOUND" }), "");
        if (typeof options === "object" && options.all) return callback(null, usable);
        return callback(null, usable[0].address, usable[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };
}

/**
 * The check at registration: an IP literal or a local name is judged as is; another name is resolved now
 * and refused when it points into a private network. A name that does not resolve (yet) is accepted —
 * the delivery-time check, on the address actually connected to, is the one that counts.
 */
export async function privateTarget(hostname: string, resolve: LookupAll = lookupAll): Promise<string | null> {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return isPrivateAddress(host) ? host : null;
  if (isLocalName(host)) return host;
  let found: LookupAddress[];
  try {
    found = await Promise.race([
      resolve(host),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), 3000).unref()),
    ]);
  } catch {
    return null;
  }
  return found.find((a) => isPrivateAddress(a.address))?.address ?? null;
}
