/**
 * @jest-environment node
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import en from "./en/all";
import es from "./es";

const SRC = path.resolve(__dirname, "..");

/** The names a message fills in ({name}, {count, plural, …}) and the tags it wraps (<link>…</link>). */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    into.add(el.type === TYPE.tag ? `<${el.value}>` : el.value);
    if (el.type === TYPE.tag) argumentsOf(el.children, into);
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) argumentsOf(option.value, into);
  }
  return into;
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === "i18n" && dir === SRC ? [] : sourceFiles(file);
    return /\.tsx?$/.test(name) && !/\.(test|generated)\.tsx?$/.test(name) ? [file] : [];
  });

describe("the English and Spanish catalogs", () => {
  const english = en as Record<string, string>;
  const spanish = es as Record<string, string>;

  test("Spanish has every English message, and nothing English lacks", () => {
    const missing = Object.keys(english).filter((key) => !(key in spanish));
    const extra = Object.keys(spanish).filter((key) => !(key in english));
    expect({ missingInSpanish: missing, notInEnglish: extra }).toEqual({ missingInSpanish: [], notInEnglish: [] });
  });

  test("every message is valid ICU, and both languages fill in the same names", () => {
    const problems: string[] = [];
    for (const [key, message] of Object.entries(english)) {
      try {
        const a = [...argumentsOf(parse(message))].sort();
        const b = [...argumentsOf(parse(spanish[key] ?? ""))].sort();
        if (a.join() !== b.join()) problems.push(`${key}: English {${a}} but Spanish {${b}}`);
      } catch (error) {
        problems.push(`${key}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("no message is empty or left in English in the Spanish catalog by mistake", () => {
    const same = Object.keys(english).filter(
      (key) => !spanish[key]?.trim() || (spanish[key] === english[key] && /\p{L}{3,}\s+\p{L}{3,}/u.test(english[key])),
    );
    expect(same).toEqual([]);
  });

  test("every message is used by the client (an unused one is a leftover)", () => {
    const code = sourceFiles(SRC)
      .map((file) => readFileSync(file, "utf8"))
      .join("\n");
    const unused = Object.keys(english).filter((key) => !code.includes(`"${key}"`));
    expect(unused).toEqual([]);
  });
});
