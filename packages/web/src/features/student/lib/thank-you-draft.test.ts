import spanish from "../../../i18n/es";
import { englishMessages } from "../../../i18n/catalog";
import { setMessages } from "../../../i18n/runtime";
import { asSentence, notesAreEmpty, thankYouDraft } from "./thank-you-draft";

afterEach(() => setMessages("en", englishMessages));

describe("the thank-you draft reads naturally whatever the notes hold", () => {
  it("with no notes, is still a whole thank-you: greeting, thanks, closing, sign-off, and no empty sentence", () => {
    const draft = thankYouDraft("Morgan Diaz", "Riley Chen", null);
    expect(draft).toBe(
      [
        "Dear Morgan Diaz,",
        "Thank you for taking the time to talk with me about your work. I really appreciated it.",
        "Thank you again for your time and advice.",
        "Best wishes,\nRiley Chen",
      ].join("\n\n"),
    );
    expect(notesAreEmpty({ advice: "  ", takeaways: "", nextStep: null, namesSuggested: [] })).toBe(true);
  });

  it("quotes each part it has as its own sentence, names joined as a list, and leaves out what is empty", () => {
    const draft = thankYouDraft("Morgan Diaz", "Riley Chen", {
      advice: "  build a small portfolio\nof real projects ",
      takeaways: "",
      nextStep: "Email Priya this week!",
      namesSuggested: [{ name: "Priya Shah" }, { name: "Jordan Ellis" }, { name: "Priya Shah" }],
    });
    const paragraphs = draft.split("\n\n");
    expect(paragraphs).toEqual([
      "Dear Morgan Diaz,",
      "Thank you for taking the time to talk with me about your work. I really appreciated it.",
      "The advice I found most helpful: build a small portfolio of real projects.",
      "Thank you also for suggesting I talk to Priya Shah and Jordan Ellis.",
      "One thing I will do next: Email Priya this week!",
      "Thank you again for your time and advice.",
      "Best wishes,\nRiley Chen",
    ]);
    expect(draft).not.toMatch(/: \.|:\s*$|\{|\}|undefined|null/m);
    expect(asSentence("It helped.")).toBe("It helped.");
    expect(asSentence(" \n ")).toBeNull();
  });

  it("is written in Spanish for a student reading in Spanish", () => {
    setMessages("es", spanish as typeof englishMessages);
    const draft = thankYouDraft("Morgan Diaz", "Riley Chen", {
      takeaways: "El trabajo es sobre todo escuchar",
      namesSuggested: [{ name: "Priya Shah" }, { name: "Jordan Ellis" }],
    });
    expect(draft.split("\n\n")).toEqual([
      "Hola, Morgan Diaz:",
      "Muchas gracias por dedicarme su tiempo para hablar de su trabajo. Se lo agradezco de verdad.",
      "Lo que me llevo de nuestra conversación: El trabajo es sobre todo escuchar.",
      "Gracias también por sugerirme que hable con Priya Shah y Jordan Ellis.",
      "Gracias de nuevo por su tiempo y sus consejos.",
      "Un saludo,\nRiley Chen",
    ]);
  });
});
