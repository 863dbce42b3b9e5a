/**
 * "Plan open ended questions that need more than a 'yes' or 'no' response" (seed 000); "open ended
 * questions are the most useful to gather the information you need" (seed 003).
 *
 * A question is closed when it starts with an auxiliary verb ("Do you", "Is it", "Can I", ...) and
 * nothing in it opens it up: no "tell me / describe / explain", and no what/how/why/which/who/where/
 * when that starts an embedded question ("Do you know HOW people start?", "... , or WHY not?").
 * A wh-word that only starts a relative clause ("other people WHO might help", "your name WHEN I
 * introduce myself") does not open anything.
 */

export interface QuestionCheck {
  closed: boolean;
  /** For a closed question: an open rewrite, or general advice when no rewrite fits. */
  suggestion: string | null;
}

export const OPEN_IT_UP_HINT = "Try starting with What, How or Why so the answer can't be just yes or no.";

const LEAD_IN =
  /^(?:(?:so|and|also|but|ok|okay|well|now|hi|hello|quick question|just curious|out of curiosity|one more thing|in your (?:experience|opinion|view)|from your (?:experience|perspective))\b[,:!.]?\s+)+/i;

/** After "have/has/had", what makes it a question ("Have you...") rather than an imperative ("Have a look"). */
const SUBJECT = String.raw`(?:you|i|we|they|he|she|it|there|your|the|anyone|anybody|someone|people|things|most|many|any|students|employers)\b`;
const AUXILIARY_START = new RegExp(
  String.raw`^(?:(?:do|does|did|is|are|was|were|am|can|could|would|will|shall|should|may|might|must)(?:n't)?\b|(?:can't|won't|shan't)|(?:have|has|had)(?:n't)? ${SUBJECT})`,
  "i",
);

/** Requests for an account: open whatever verb precedes them. */
const OPENING_PHRASE =
  /\b(?:tell (?:me|us)|describe|explain|walk (?:me|us) through|talk (?:me|us) through|take (?:me|us) through|talk about|elaborate|say more|expand on|give (?:me|us) (?:a sense|an idea|an overview|a picture)|share (?:more|a bit|some|your|what|how|why))\b/;
const WH_WORD = /\b(?:what|how|why|which|who|whom|whose|where|when)\b/g;
/** Words after which a wh-word starts an embedded question rather than a relative clause. */
const EMBEDDING =
  /(?:^|[,;:?!.()-]|\b(?:and|or|but|so|know|knew|tell|told|me|us|describe|explain|share|sharing|say|think|wonder|wondering|learn|understand|see|show|ask|remember|recall|about|on|decide|figure|out|mind|curious|sure|idea|sense|discuss|mention|imagine|guess|predict|suggest|recommend|compare|advise))\s*$/;

function clean(text: string): string {
  return text
    .replace(/[\u2018\u2019\u2032`]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, " ")
    .trim()
    .replace(LEAD_IN, "");
}

function opensUp(lower: string): boolean {
  if (OPENING_PHRASE.test(lower)) return true;
  for (const m of lower.matchAll(WH_WORD)) {
    if (EMBEDDING.test(lower.slice(0, m.index))) return true;
  }
  return false;
}

// ---- Rewrites: each turns the start of a closed question into a What / How / Why question. ------

const PREPOSITION =
  /^(.+?) ((?:for|in|at|on|to|with|about|from|into|within|during|that|which|who|you'd|you would|you could|you can|i should|i could)\b.*)$/i;

/** "specific educational requirements for this work" → ["specific educational requirements", "for this work"] */
function nounAndRest(phrase: string): [string, string] {
  const m = PREPOSITION.exec(phrase);
  return m ? [m[1], ` ${m[2]}`] : [phrase, ""];
}

/** "How much / How many / What" for "much advice", "many people", "any books". */
function howMuch(quantity: string | undefined, noun: string): string {
  const q = (quantity ?? "").toLowerCase().trim();
  if (q === "many" || ((q === "a lot of" || q === "lots of") && /s$/i.test(noun))) return "How many";
  if (q === "much" || q === "a lot of" || q === "lots of") return "How much";
  return "What";
}

/** A pattern over the question without its question mark, and the open question built from its groups ("" when unmatched). */
type Rewrite = [pattern: RegExp, build: (...groups: string[]) => string];

const ADJECTIVES =
  "hard|difficult|easy|tough|challenging|stressful|common|normal|usual|typical|rare|important|necessary|essential|competitive|expensive|realistic|helpful|useful";
const FEELINGS =
  "hard|difficult|challenging|stressful|rewarding|fulfilling|satisfying|interesting|boring|fun|frustrating|exciting|meaningful|tough|draining|surprising";

const REWRITES: Rewrite[] = [
  [
    /^(do|did) you (?:really |still |actually )?(?:like|enjoy|love) (.+)$/i,
    (aux, x) => `What ${aux.toLowerCase()} you enjoy most about ${x}`,
  ],
  [/^(do|did) you (?:ever )?(?:dislike|hate|mind) (.+)$/i, (aux, x) => `What ${aux.toLowerCase()} you find hardest about ${x}`],
  [
    new RegExp(`^(do|did) you find (.+?) (${FEELINGS})$`, "i"),
    (aux, x, adj) => `What ${aux.toLowerCase()} you find most ${adj} about ${x}`,
  ],
  [/^(?:do|did) you (?:think|feel|believe) (?:that )?(.+)$/i, (x) => `What are your thoughts on whether ${x}`],
  [/^did you (?:always )?(?:want|plan|intend|expect) to (.+)$/i, (x) => `What made you want to ${x}`],
  [
    /^(?:do|does) you know (?:of )?(?:any|other|some)? ?(?:people|one|body|anyone|someone|anybody)(?: else)? (?:who|that) (.+)$/i,
    (x) => `Who else ${x}`,
  ],
  [
    /^(?:do|does) you know (?:of )?(?:anyone|someone|anybody|other people|any other people)\b.*$/i,
    () => "Who else would you suggest I talk to",
  ],
  [
    /^(?:can|could|would|will) you (?:please )?(?:refer|introduce|recommend|connect|point) me (?:to |with )?(?:anyone|someone|somebody|anybody|people|other (?:people|professionals|colleagues)|a few people|others)?(?: else)? ?(.*)$/i,
    (x) => `Who else would you suggest I talk to${x ? ` ${x}` : ""}`,
  ],
  [
    /^would you prefer (?:that )?i (speak|talk|meet) (?:with|to) (?:someone|somebody|anyone) else(.*)$/i,
    (verb, x) => `Who would you prefer I ${verb} with${x}`,
  ],
  [/^would you (?:recommend|suggest) (.+)$/i, (x) => `Why would (or wouldn't) you recommend ${x}`],
  [/^(?:are|were) you (?:happy|satisfied|glad|content|pleased) (?:with|about|in) (.+)$/i, (x) => `How do you feel about ${x}`],
  [/^(?:is|would) (?:this|now|today|tomorrow|it) (?:be )?a good time( to .+)?$/i, (x) => `When would be a good time${x}`],
  [
    /^(?:may|can|could) i (contact|follow up|reach out|call|email|write|get back|keep in touch|stay in touch)(.*)$/i,
    (verb, x) => `What's the best way for me to ${verb}${x}`,
  ],
  [/^(?:may|can|could) i use (.+)$/i, (x) => `How would you feel about me using ${x}`],
  [/^(?:can|could|may) (i|someone|one|a student|students|people|someone like me) (.+)$/i, (who, x) => `How might ${who} ${x}`],
  [/^should i (.+)$/i, (x) => `What should I consider when deciding whether to ${x}`],
  [/^(?:do|would|will|should) (?:i|someone|students|people) (?:need|require) to (.+)$/i, (x) => `How important is it to ${x}`],
  [/^(?:do|would|will|should) (?:i|someone|students|people) (?:need|require) (.+)$/i, (x) => `How important is ${x}`],
  [/^(?:is|was) it possible (.+)$/i, (x) => `What would it take ${x}`],
  [/^(?:is|was) it worth (\w+ing .+)$/i, (x) => `What are the pros and cons of ${x}`],
  [/^(?:is|was) it worth it (to .+)$/i, (x) => `What would make it worth it ${x}`],
  [/^(?:is|was) it true that (.+)$/i, (x) => `What's your take on the idea that ${x}`],
  [/^(?:is|was) it better (to .+)$/i, (x) => `How would you weigh whether ${x}`],
  [new RegExp(`^(is|was) it (${ADJECTIVES}) (.+)$`, "i"), (aux, adj, x) => `How ${adj} ${aux.toLowerCase()} it ${x}`],
  [
    /^(is|are|was|were) ((?:the|your|this|that|these|those|my) [\w'-]+(?: [\w'-]+)?) ([\w-]+)$/i,
    (aux, subj, adj) => `How ${adj} ${aux.toLowerCase()} ${subj}`,
  ],
  [
    /^(is|are) there (any |a lot of |lots of |much |many |a |an |some )?(.+)$/i,
    (aux, quantity, phrase) => {
      const [noun, rest] = nounAndRest(phrase);
      const you = /^ (?:that )?you(?:'d| would| could| can| should) (.+)$/i.exec(rest);
      if (you) return `What ${noun} would you ${you[1]}`;
      if (/^an? $/i.test(quantity) && aux.toLowerCase() === "is") return `What does the ${noun} look like${rest}`;
      return `${howMuch(quantity, noun)} ${noun} ${aux.toLowerCase()} there${rest}`;
    },
  ],
  [
    /^do you (have|get) (any |a lot of |lots of |much |many |some )(.+)$/i,
    (verb, quantity, phrase) => {
      const [noun, rest] = nounAndRest(phrase);
      return `${howMuch(quantity, noun)} ${noun} do you ${verb.toLowerCase()}${rest}`;
    },
  ],
  [
    /^(do|does|did) (you|it|(?:the|this|your) (?:job|role|work|position|field)) (require|involve|include|need) (a lot of |lots of |much |many |any )?(.+)$/i,
    (aux, subj, verb, quantity, x) => {
      const [noun, rest] = nounAndRest(x);
      return quantity
        ? `${howMuch(quantity, noun).replace("What", "How much")} ${noun} ${aux.toLowerCase()} ${subj} ${verb.toLowerCase()}${rest}`
        : `How much ${aux.toLowerCase()} ${subj} ${verb.toLowerCase()} ${x}`;
    },
  ],
];

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** An open version of a closed question, or null when no rewrite fits. */
export function suggestOpenQuestion(question: string): string | null {
  const body = clean(question).replace(/[?.!\s]+$/, "");
  for (const [pattern, build] of REWRITES) {
    const m = pattern.exec(body);
    if (m) return `${capitalise(build(...m.slice(1).map((g) => g ?? "")))}?`;
  }
  return null;
}

/** Flags a yes/no question and suggests how to open it up. */
export function checkQuestion(text: string): QuestionCheck {
  const question = clean(text);
  const lower = question.toLowerCase();
  if (!AUXILIARY_START.test(lower) || opensUp(lower)) return { closed: false, suggestion: null };
  return { closed: true, suggestion: suggestOpenQuestion(question) ?? OPEN_IT_UP_HINT };
}
