import spanish from "../../../i18n/es";
import { englishMessages } from "../../../i18n/catalog";
import { setMessages } from "../../../i18n/runtime";
import { cleanPart, composePitch, EMPTY_PITCH_PARTS } from "./pitch-builder";

afterEach(() => setMessages("en", englishMessages));

const ALL = {
  background: "a second-year biology student at Northfield",
  experience: "a summer job as a lab assistant",
  learn: "how people in research chose their path",
  curious: "public health agencies and biotech startups",
};

describe("the pitch helper writes sentences that read well whatever is filled in", () => {
  it("with every part empty (or only spaces), writes nothing: no closing line alone, no empty sentence", () => {
    expect(composePitch(EMPTY_PITCH_PARTS)).toBe("");
    expect(composePitch({ background: "  ", experience: "\n", learn: " . ", curious: "" })).toBe("");
  });

  it("with one part, writes that sentence and the closing line only", () => {
    expect(composePitch({ ...EMPTY_PITCH_PARTS, learn: "how teachers plan a school year" })).toBe(
      "I'd like to learn how teachers plan a school year. I'd be grateful for your perspective and advice.",
    );
    expect(composePitch({ ...EMPTY_PITCH_PARTS, curious: "museums" })).toBe(
      "I'm curious about museums. I'd be grateful for your perspective and advice.",
    );
  });

  it("with every part, follows the guides' order: background, experience, what to learn, where to look", () => {
    expect(composePitch(ALL)).toBe(
      "I'm a second-year biology student at Northfield. So far, my related experience includes a summer job as a lab assistant. " +
        "I'd like to learn how people in research chose their path. I'm curious about public health agencies and biotech startups. " +
        "I'd be grateful for your perspective and advice.",
    );
  });

  it("trims spaces and line breaks, and never doubles the punctuation the student typed", () => {
    const pitch = composePitch({
      background: "  a junior\n studying   economics.  ",
      experience: "",
      learn: "what a day in consulting looks like?",
      curious: "banks; ",
    });
    expect(pitch).toBe(
      "I'm a junior studying economics. I'd like to learn what a day in consulting looks like. I'm curious about banks. " +
        "I'd be grateful for your perspective and advice.",
    );
    expect(pitch).not.toMatch(/\.\.|\?\.|;\.|\s{2}|undefined|\{/);
    expect(cleanPart("  hello ,  world...  ")).toBe("hello , world");
  });

  it("lower-cases a small word that only starts the part, keeps names, and keeps a sentence the student wrote whole", () => {
    expect(composePitch({ ...EMPTY_PITCH_PARTS, background: "A junior at Northfield", curious: "UX research at Lumen Labs" })).toBe(
      "I'm a junior at Northfield. I'm curious about UX research at Lumen Labs. I'd be grateful for your perspective and advice.",
    );
    expect(composePitch({ ...EMPTY_PITCH_PARTS, background: "i study biology", experience: "I volunteered at a clinic!" })).toBe(
      "I study biology. I volunteered at a clinic! I'd be grateful for your perspective and advice.",
    );
  });

  it("is written in natural Spanish for a student reading in Spanish", () => {
    setMessages("es", spanish as typeof englishMessages);
    expect(composePitch(EMPTY_PITCH_PARTS)).toBe("");
    expect(
      composePitch({
        background: "estudiante de segundo año de biología en Northfield.",
        experience: "un trabajo de verano como asistente de laboratorio",
        learn: "Cómo eligieron su camino las personas que investigan",
        curious: "las agencias de salud pública y las empresas de biotecnología",
      }),
    ).toBe(
      "Soy estudiante de segundo año de biología en Northfield. Hasta ahora, mi experiencia relacionada incluye un trabajo de " +
        "verano como asistente de laboratorio. Me gustaría saber cómo eligieron su camino las personas que investigan. " +
        "Tengo curiosidad por las agencias de salud pública y las empresas de biotecnología. " +
        "Le agradecería mucho su perspectiva y sus consejos.",
    );
    expect(composePitch({ ...EMPTY_PITCH_PARTS, background: "estudio economía" })).toBe(
      "Estudio economía. Le agradecería mucho su perspectiva y sus consejos.",
    );
  });
});
