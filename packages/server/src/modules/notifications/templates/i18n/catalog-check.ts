import { IntlMessageFormat } from "intl-messageformat";

/**
 * What the catalogs' tests compare (i18n.test.ts): a message's arguments with their kinds and, for plurals and selects,
 * their options; and the literal words a reader sees, to find English left in another language's email.
 */
interface Node {
  type: number;
  value?: string;
  options?: Record<string, { value: Node[] }>;
}

const LITERAL = 0;
const POUND = 7;

/** "name" for a plain argument, "days:plural(one|other)" for a plural, and so on, sorted: equal for matching messages. */
export function placeholders(message: string): string[] {
  const out = new Set<string>();
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      if (n.type === LITERAL || n.type === POUND) continue;
      const options = n.options ? Object.keys(n.options).sort() : null;
      out.add(options ? `${n.value}:${n.type}(${options.join("|")})` : `${n.value}:${n.type}`);
      if (n.options) for (const o of Object.values(n.options)) walk(o.value);
    }
  };
  walk(new IntlMessageFormat(message, "en").getAst() as unknown as Node[]);
  return [...out].sort();
}

/** The literal runs of a message (inside plurals and selects too), trimmed. */
export function literals(message: string): string[] {
  const out: string[] = [];
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      if (n.type === LITERAL && n.value) out.push(...n.value.split("\n").map((s) => s.trim()));
      if (n.options) for (const o of Object.values(n.options)) walk(o.value);
    }
  };
  walk(new IntlMessageFormat(message, "en").getAst() as unknown as Node[]);
  return out.filter(Boolean);
}

/** Every difference between two catalogs: keys only in one, and keys whose placeholders differ. */
export function catalogDifferences(a: Record<string, string>, b: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(a)) if (!(key in b)) problems.push(`missing in the second: ${key}`);
  for (const key of Object.keys(b)) if (!(key in a)) problems.push(`missing in the first: ${key}`);
  for (const key of Object.keys(a)) {
    if (!(key in b)) continue;
    const [pa, pb] = [placeholders(a[key]), placeholders(b[key])];
    if (pa.join(",") !== pb.join(",")) problems.push(`placeholders differ in ${key}: ${pa.join(",")} / ${pb.join(",")}`);
  }
  return problems;
}
