/**
 * Rule #1 of informational interviewing, as data: "Do not ask for a job" (seed 002). The guides say
 * the same thing five ways: emphasise you want information, NOT a job (000); it is "not an
 * opportunity to ask for a job" (001); "it would not be appropriate to ask for a job" (002); "it is
 * not appropriate to ... ask directly for an internship or job" (004).
 *
 * Every pattern runs against normalised text (see rule-one.ts): lower case, straight quotes, plain
 * hyphens, no accents, single spaces. So patterns need no flags and write "i'm", "resume", " ".
 *
 * What is deliberately NOT a pattern (the seeds say these are the heart of the process):
 * - asking for a referral to a PERSON to talk to: "who else should I talk to?", "could you refer me to
 *   anyone else in the field?", "could you introduce me to a colleague?" (001: "the most important
 *   question of the entire interview"; 003: "ask for referrals or introductions"). A referral is
 *   flagged only when it is FOR a position or TO a gatekeeper (hiring manager, recruiter, HR).
 * - asking how people get jobs or internships: "how did you get your first job in consulting?",
 *   "what internships helped you most?", "how should I start my job search?" (004: "you may ask for
 *   advice about how to get relevant experience, how to start your job search").
 * - resume ADVICE. Decision: "could you review my resume?", "I'd value feedback on my CV" and "I've
 *   attached my resume for context" are NOT flagged. Seed 004: bring your resume, "you may have an
 *   opportunity to show it and get some feedback. Remember that if you do show your resume, it will
 *   be to get advice, not to ask directly for a job". What IS flagged is asking them to forward,
 *   pass along, submit or keep it on file: that turns the conversation into an application.
 * - asking about openings in a general way at the END of a conversation, which 004 allows. This check
 *   reads the request message (step 4, "Initiate contact"), where any ask about openings is Rule #1.
 */

export type RuleOneCategory = "JOB" | "INTERNSHIP" | "REFERRAL_FOR_POSITION" | "RESUME_FORWARD" | "HIRING";

export interface RuleOnePattern {
  /** Stable name, for tests and logs. */
  readonly id: string;
  readonly category: RuleOneCategory;
  /** Searched globally in the normalised text; write it without flags. */
  readonly pattern: RegExp;
  /** Short plain-words guidance for this phrase; defaults to the category's. */
  readonly guidance?: string;
  /** The match is ignored when the clause before it matches this ("what skills would help me get a job"). */
  readonly unlessBefore?: RegExp;
}

/** What the suggested rewording names when the alum's field is not known. */
export const ANY_FIELD = "your field";

/**
 * One plain-words explanation per category, each with a phrasing to use instead. A suggestion that
 * names a field names the ALUM's field (`field`, lower case), never the student's: the student is
 * writing to learn about the alum's work.
 */
export function ruleOneGuidance(field: string = ANY_FIELD): Readonly<Record<RuleOneCategory, string>> {
  return {
    JOB: `Informational interviews are for learning, not job hunting. Try: 'I'd love to hear how you got into ${field}.'`,
    INTERNSHIP:
      "Don't ask for an internship in this message; ask what helped them instead. Try: 'What internships or early experiences helped you most?'",
    REFERRAL_FOR_POSITION:
      "Ask to be pointed to people to talk to, not to be referred for a position. Try: 'Who else would you suggest I talk to, to learn more?'",
    RESUME_FORWARD:
      "Don't ask them to pass your resume along. If you want feedback, ask for advice. Try: 'I'd value your advice on how to present my experience.'",
    HIRING: `Don't ask about openings or being considered for a role. Ask how people start out instead. Try: 'How do people usually get their start in ${field}?'`,
  };
}

/** The guidance when the alum's field is not known. */
export const RULE_ONE_GUIDANCE: Readonly<Record<RuleOneCategory, string>> = ruleOneGuidance();

/** Words that, earlier in the same clause, mean the writer is saying what they are NOT asking for. */
export const RULE_ONE_NEGATION = /\b(?:not|never|no|nor|without|rather than|instead of|other than)\b|n't\b/;
/** The same, right after the match: "asking for a job is not my goal". */
export const RULE_ONE_NEGATION_AFTER = /^(?: [a-z']+){0,3}? (?:(?:is|are|was) (?:not|never)|isn't|aren't|wasn't)\b/;
/** Phrases that contain a negation word but negate nothing: removed before RULE_ONE_NEGATION is tested. */
export const RULE_ONE_FALSE_NEGATIONS =
  /\b(?:can't wait|cannot wait|not sure|not certain|(?:don't|do not) (?:know|hesitate|mind)|(?:wouldn't|would not) mind|not only|no (?:doubt|matter|idea|pressure|worries)|if not|not (?:too|to be) [a-z]+)\b/g;
/** How many words before a match the negation check looks at. */
export const RULE_ONE_NEGATION_WORDS = 8;
/** Where a clause ends, for the negation and unlessBefore checks. */
export const RULE_ONE_CLAUSE_BREAK = /[.!?;:,()[\]"]| -+ |\b(?:but|so|and|because|since|although|though|however|while|whereas|yet|also)\b/g;

// ---- Reusable fragments -------------------------------------------------------------------------

/** One optional filler word, never a negation or conjunction ("a [summer] internship"). */
const W = String.raw`(?:(?!(?:not|no|than|or|and|but|nor|of|to)\b)[a-z0-9'-]+ )`;
/** The alum's workplace. */
const ORG = String.raw`your (?:current )?(?:team|company|firm|group|department|organi[sz]ation|office|lab|agency|studio|practice|hospital|startup|employer|division|unit)\b`;
/** "job" as the thing asked for, not "job search", "job market", "role model", "a role like yours". */
const NOT_TOPIC = String.raw`(?![- ](?:search\w*|hunt\w*|market|fairs?|advice|boards?|titles?|descriptions?|satisfaction|security|shadow\w*|outlook|growth|interviews?|applications?|seekers?|skills?|training|prospects?|functions?|duties|responsibilities|model|like yours|like this)\b)`;
const JOB = String.raw`(?:jobs?|positions?|roles?|employment|job offer)${NOT_TOPIC}`;
const INTERN = String.raw`(?:internships?|co-?ops?)${NOT_TOPIC}`;
/** "opportunities" only when not "opportunities to learn / shadow / talk". */
const OPP = String.raw`opportunit(?:y|ies)(?! (?:to|for) (?:learn|shadow|volunteer|meet|talk|chat|connect|help|observe|attend|grow|students?)\b)`;
const OPENING = String.raw`(?:openings?|vacanc(?:y|ies)|${OPP}|${JOB}|${INTERN})`;
/** The people who hire: asking to be passed to them is a referral for a position. */
const GATEKEEPER = String.raw`(?:(?:the|your|a|an|one of your) )?(?:hiring (?:managers?|teams?|committees?|leads?)|(?:person|people|someone) (?:who|that) (?:hires?|does the hiring|makes? hiring decisions)|recruit(?:ers?|ing team|ing)|hr(?: team| department| manager)?|human resources|talent (?:acquisition|team|partners?))\b`;
const WH = /\b(?:what|which|how|why|when|who)\b/;
const ALUM_PAST = /\b(?:did|have|had|were|was) you\b|\byou (?:did|had|were)\b/;

const rx = (source: string): RegExp => new RegExp(source);
/** "asking (you) for a X" */
const askingFor = (noun: string) =>
  rx(String.raw`\b(?:ask|asking|asked|request|requesting|beg|begging)(?: you)? for (?:a |an |any |the )?${W}{0,2}?${noun}`);
/** "I'm (currently) looking for a X", first person and present: a declared job hunt. */
const lookingFor = (noun: string) =>
  rx(
    String.raw`\b(?:i'm|i am|i've been|i have been|we're|we are)(?: (?:currently|actively|now|really|also|just|still))? (?:looking|searching|applying|seeking)(?: around)? (?:for )?(?:a |an |any )?${W}{0,2}?${noun}`,
  );
/** "give / get / find me a X" */
const getMe = (noun: string) =>
  rx(String.raw`\b(?:give|offer|get|find|land|secure|hook|set) me (?:up with )?(?:a |an |any )?${W}{0,2}?${noun}`);
/** "help me get a X" */
const helpMeGet = (noun: string) =>
  rx(String.raw`\bhelp(?:ing)? me (?:to )?(?:get|land|find|secure|obtain|score) (?:a |an |any |my first |my next )?${W}{0,2}?${noun}`);
/** "I'd love a X" */
const wouldLove = (noun: string) =>
  rx(
    String.raw`\b(?:i'd|i would|i'll|we'd)(?: really| truly)? (?:love|like|appreciate|welcome|be grateful for|be thrilled with|jump at) (?:a |an |any )${W}{0,2}?${noun}`,
  );
/** "I (just) applied for the analyst role at your firm" / "I applied to your company" */
const appliedTo = (noun: string) =>
  rx(
    String.raw`\bi(?:'ve|'m| have| am)?(?: (?:just|recently|also|already|currently))? appl(?:y|ied|ying) (?:to|for|at|with) (?:${ORG}|(?:a |an |the |one of (?:the|your) |several |some )?${W}{0,3}?${noun} (?:at|with|on|in) ${ORG}|(?:one of )?your ${W}{0,3}?${noun})`,
  );
/** "I'd love to work for you", "could I intern on your team" */
const workFor = (verb: string) =>
  rx(
    String.raw`\b(?:(?:can|could|may|might) i|(?:love|like|hoping|hope|eager|chance|opportunity|looking|want|wanting|keen|excited|plan|planning|aim|aiming|dream) to) (?:${verb}|be ${verb}ing) (?:for|at|on|under|with|alongside) (?:you\b|${ORG})`,
  );

// ---- The patterns. Earlier entries win when two matches overlap. ----------------------------------

export const RULE_ONE_PATTERNS: readonly RuleOnePattern[] = [
  // Resume forwarding: asking them to act on your resume, not to advise on it.
  {
    id: "forward-my-resume",
    category: "RESUME_FORWARD",
    pattern: rx(
      String.raw`\b(?:forward(?:ed|ing|s)?|pass(?:ed|ing|es)? (?:along|on)|send(?:ing|s)? (?:along|on)|circulat(?:e|ed|ing)|submit(?:ted|ting)?|hand(?:ed|ing)? (?:in|over)|put(?:ting)? forward) my (?:resume|cv|application)\b`,
    ),
  },
  {
    id: "pass-my-resume-along",
    category: "RESUME_FORWARD",
    pattern: /\b(?:pass|send|forward|put)(?:ed|ing|es|s)? my (?:resume|cv) (?:along|on|forward)\b/,
  },
  {
    id: "send-my-resume-to-gatekeeper",
    category: "RESUME_FORWARD",
    pattern: rx(
      String.raw`\b(?:pass|send|share|give|hand|show|forward)(?:ed|ing|es|s)? my (?:resume|cv)(?: along| on)? (?:to|with) (?:${GATEKEEPER}|your (?:team|manager|boss|colleagues?|company|firm)\b|the (?:right|relevant) (?:people|person)\b)`,
    ),
  },
  {
    id: "resume-then-pass-it-along",
    category: "RESUME_FORWARD",
    pattern:
      /\b(?:resume|cv)\b[^.!?]{0,80}?\b(?:forward(?:ed|ing)? (?:it|this|them)|(?:pass|send)(?:ed|ing)? (?:it|this|them) (?:along|on)|circulat(?:e|ed|ing) (?:it|this|them))\b/,
  },
  {
    id: "resume-in-front-of",
    category: "RESUME_FORWARD",
    pattern: /\b(?:get|put)(?:ting)? my (?:resume|cv|application) (?:in front of|on the desk of|into the hands of)\b/,
  },
  {
    id: "resume-on-file",
    category: "RESUME_FORWARD",
    pattern: /\bkeep my (?:resume|cv) on file\b/,
    guidance: "Asking them to keep your resume on file treats the conversation as an application. Keep the message about learning.",
  },

  // Referral for a position (a referral to a person to TALK to is never flagged).
  {
    id: "good-word",
    category: "REFERRAL_FOR_POSITION",
    pattern:
      /\b(?:put(?:ting)? (?:in )?(?:a|one) (?:good|kind|positive) word(?! (?:in )?for (?:you|them|him|her|someone)\b)|(?:good|kind) word (?:in )?for me)\b/,
  },
  {
    id: "refer-me-for-position",
    category: "REFERRAL_FOR_POSITION",
    pattern: rx(
      String.raw`\b(?:refer(?:red|ring|s)?|recommend(?:ed|ing|s)?|nominat(?:e|ed|ing)) me (?:for|to) (?:a |an |the |any |one of (?:the|your) |this |that |your |open )?${W}{0,3}?(?:${JOB}|${INTERN}|openings?|(?<!informational )interviews?)`,
    ),
  },
  { id: "employee-referral", category: "REFERRAL_FOR_POSITION", pattern: /\b(?:employee|internal|job) referral\b/ },
  {
    id: "referral-for-position",
    category: "REFERRAL_FOR_POSITION",
    pattern: rx(String.raw`\breferral (?:for|to) (?:a |an |the |any |this |that |your |open )?${W}{0,3}?(?:${JOB}|${INTERN}|openings?)`),
  },
  {
    id: "pass-me-to-gatekeeper",
    category: "REFERRAL_FOR_POSITION",
    pattern: rx(
      String.raw`\b(?:refer|introduce|connect|recommend|put|pass|forward|get)(?:red|ed|ing|s)? (?:me|my name|my info(?:rmation)?)(?: along| on)? (?:to|with|in touch with|in contact with|in front of) ${GATEKEEPER}`,
    ),
  },
  { id: "vouch-for-me", category: "REFERRAL_FOR_POSITION", pattern: /\bvouch(?:ed|ing)? for me\b/ },
  { id: "put-my-name-forward", category: "REFERRAL_FOR_POSITION", pattern: /\bput(?:ting)? my name (?:forward|in for|up for)\b/ },

  // Internships.
  { id: "asking-for-internship", category: "INTERNSHIP", pattern: askingFor(INTERN) },
  { id: "looking-for-internship", category: "INTERNSHIP", pattern: lookingFor(INTERN) },
  { id: "get-me-internship", category: "INTERNSHIP", pattern: getMe(INTERN) },
  { id: "help-me-get-internship", category: "INTERNSHIP", pattern: helpMeGet(INTERN), unlessBefore: WH },
  { id: "would-love-internship", category: "INTERNSHIP", pattern: wouldLove(INTERN) },
  { id: "applied-for-internship", category: "INTERNSHIP", pattern: appliedTo(INTERN) },
  { id: "intern-with-you", category: "INTERNSHIP", pattern: workFor("intern"), unlessBefore: WH },
  {
    id: "internship-available",
    category: "INTERNSHIP",
    pattern: rx(
      String.raw`\b(?:a|an|any) (?:summer |paid |unpaid |fall |spring |winter )?${INTERN} (?:(?:openings?|positions?|spots?|slots?|${OPP}|roles?|programs?) )?(?:available|open\b|(?:on|at|with|in|within) ${ORG})`,
    ),
    unlessBefore: ALUM_PAST,
  },

  // Hiring: openings, being hired, being considered, being kept in mind.
  { id: "hire-me", category: "HIRING", pattern: /\b(?:consider(?:s|ing)?|hir(?:e|es|ing)|interview(?:s|ing)?) me\b(?! about)/ },
  { id: "take-me-on", category: "HIRING", pattern: /\b(?:take|bring|taking|bringing) me on(?: board)?\b|\bmake me an? (?:job )?offer\b/ },
  {
    id: "be-considered-for",
    category: "HIRING",
    pattern: rx(
      String.raw`\bbe considered (?:for|as a candidate for) (?:a |an |the |any |future |upcoming |open |this |that |your )*${W}{0,2}?(?:${JOB}|${INTERN}|openings?|${OPP})`,
    ),
    unlessBefore: WH,
  },
  {
    id: "are-you-hiring",
    category: "HIRING",
    pattern:
      /\b(?:are|is) (?:you|you guys|y'all|anyone|anybody|they|your (?:current )?(?:team|company|firm|group|department|organi[sz]ation|office|lab|agency|studio|practice|employer))(?: (?:currently|still|by any chance|actively|ever))? hiring\b/,
  },
  {
    id: "you-are-hiring",
    category: "HIRING",
    pattern:
      /\b(?:you're|you are|your (?:team|company|firm|group|department|organi[sz]ation)(?:'s| is))(?: (?:currently|still|actively))? hiring\b/,
    unlessBefore: WH,
  },
  {
    id: "any-openings",
    category: "HIRING",
    pattern:
      /\bany (?:job |open |available |current |new |entry-level )?(?:openings?|vacanc(?:y|ies)|open (?:positions?|roles?|reqs?)|job leads?|leads on (?:jobs?|positions?|roles?))\b/,
  },
  {
    id: "any-positions-available",
    category: "HIRING",
    pattern: rx(
      String.raw`\bany (?:job |entry-level |junior |full-time |part-time |new )?(?:${JOB}|${OPP}) (?:open(?:ing up)?\b|available|coming up|(?:on|at|in|with|within) ${ORG})`,
    ),
  },
  { id: "openings-at-your", category: "HIRING", pattern: rx(String.raw`\b(?:openings?|vacanc(?:y|ies)) (?:on|at|in|with|within) ${ORG}`) },
  {
    id: "positions-open-at-your",
    category: "HIRING",
    pattern: rx(
      String.raw`\b(?:positions?|roles?|jobs?|openings?|${OPP}) (?:that are |currently )?(?:open|available) (?:on|at|in|with|within) ${ORG}`,
    ),
  },
  {
    id: "keep-me-in-mind",
    category: "HIRING",
    pattern: rx(
      String.raw`\bkeep (?:me|my name) in mind (?:for (?:any |future |upcoming |open )*${W}{0,2}?${OPENING}|(?:if|when|should|in case)\b[^.!?,;]{0,60}?\b(?:opens? up|opening|comes? up|becomes? available|available|hiring|positions?|roles?|jobs?|openings?))`,
    ),
  },
  {
    id: "let-me-know-of-openings",
    category: "HIRING",
    pattern: rx(
      String.raw`\b(?:let|tell) me know (?:if|when|about|of|whether)(?: there (?:are|is|'s|will be|might be))?(?: any)? ${W}{0,2}?${OPENING}|\blet me know if (?:anything|something) (?:opens up|becomes available)\b`,
    ),
  },
  {
    id: "know-of-any-openings",
    category: "HIRING",
    pattern: rx(String.raw`\b(?:know|knows|aware|hear|heard) (?:of|about) any ${W}{0,2}?${OPENING}`),
  },
  {
    id: "do-you-need-anyone",
    category: "HIRING",
    pattern: rx(
      String.raw`\b(?:you|${ORG}) (?:might |may |could )?(?:need|needs|use|could use) (?:anyone|anybody|someone|an intern|interns|new hires?|more people|an extra pair of hands)\b`,
    ),
    unlessBefore: /\b(?:did|had|was|were|when)\b/,
  },
  {
    id: "get-me-an-interview",
    category: "HIRING",
    pattern: /\b(?:get|land|arrange|secure|set up|line up|score) me (?:a |an )?(?:job |first-round |phone |on-site |onsite )?interview\b/,
  },

  // Jobs.
  { id: "asking-for-job", category: "JOB", pattern: askingFor(JOB) },
  { id: "looking-for-job", category: "JOB", pattern: lookingFor(JOB) },
  {
    id: "job-hunting",
    category: "JOB",
    pattern:
      /\b(?:i'm|i am|i've been|i have been)(?: (?:currently|actively|now|also|still))? (?:job hunting|job searching|on the job market|looking for work|in the middle of a job search)\b/,
  },
  { id: "get-me-job", category: "JOB", pattern: getMe(JOB) },
  {
    id: "want-a-job-at-your",
    category: "JOB",
    pattern: rx(
      String.raw`\b(?:hoping for|want|wanting|interested in|keen on) (?:a |an |any )?${W}{0,2}?${JOB} (?:on|at|with|in|within) ${ORG}`,
    ),
    unlessBefore: WH,
  },
  { id: "help-me-get-job", category: "JOB", pattern: helpMeGet(String.raw`(?:${JOB}|hired\b)`), unlessBefore: WH },
  { id: "would-love-job", category: "JOB", pattern: wouldLove(JOB) },
  { id: "applied-for-job", category: "JOB", pattern: appliedTo(String.raw`(?:${JOB}|openings?)`) },
  { id: "work-for-you", category: "JOB", pattern: workFor("work"), unlessBefore: WH },
  {
    id: "join-your-team",
    category: "JOB",
    pattern: rx(
      String.raw`\b(?:(?:can|could|may|might) i|(?:love|like|hoping|hope|eager|chance|opportunity|looking|want|wanting|keen|excited|plan|planning|aim|aiming|dream) to) join (?:you\b|${ORG})`,
    ),
    unlessBefore: WH,
  },

  // Idioms of job-asking: the same asks in everyday words.
  {
    id: "foot-in-the-door",
    category: "JOB",
    pattern: /\b(?:get|getting|got|put|putting|have|had) (?:my|a) foot in the door\b/,
    unlessBefore: WH,
  },
  { id: "word-for-me", category: "REFERRAL_FOR_POSITION", pattern: /\bput(?:ting)? (?:in )?a word (?:in )?for me\b/ },
  { id: "pull-strings", category: "REFERRAL_FOR_POSITION", pattern: /\bpull(?:ing)? (?:some |a few |any )?strings\b/ },
  {
    id: "get-me-in",
    category: "REFERRAL_FOR_POSITION",
    pattern: rx(String.raw`\bget(?:ting)? me (?:in the door|in (?:at|with|to) (?:${ORG}|[a-z0-9&.-]+\b))`),
  },
  {
    id: "refer-me-internally",
    category: "REFERRAL_FOR_POSITION",
    pattern:
      /\b(?:refer(?:red|ring)?|recommend(?:ed|ing)?|put(?:ting)?) me (?:forward )?(?:internally|in the system)\b|\bput(?:ting)? me forward\b/,
  },
  {
    id: "think-of-me-when-open",
    category: "HIRING",
    // A position opening up, not a time in a calendar: "if another time comes up, contact me" is scheduling.
    pattern:
      /\b(?:positions?|roles?|jobs?|openings?|internships?|spots?)\b[^.!?;]{0,20}?\b(?:opens? up|becomes? available)\b[^.!?;]{0,30}?\b(?:think of|remember|consider|contact|call|ping) me\b|\bthink of me (?:for|if|when|should)\b[^.!?;]{0,40}?\b(?:positions?|roles?|jobs?|openings?|internships?|opens? up|hiring)\b/,
  },
  {
    id: "spot-on-your-team",
    category: "JOB",
    // Not "a slot with your team" or "room for me on Tuesday": those are times for the conversation.
    pattern: rx(
      String.raw`\b(?:a|any|an open|one|my) (?:spot|place|seat|opening) (?:on|in|at|with) ${ORG}|\b(?:have|has|there's|there is|is there|any) room (?:on ${ORG} )?for (?:(?:a|an|another|one more) (?:junior|new|entry-level|recent|intern|graduate)\b|me (?:on|in|at) ${ORG})`,
    ),
  },
  {
    id: "part-of-your-team",
    category: "JOB",
    pattern: rx(String.raw`\b(?:be|become|becoming|being) (?:a )?part of ${ORG}`),
    unlessBefore: WH,
  },
  {
    id: "find-work-at",
    category: "JOB",
    pattern: rx(
      String.raw`\bhelp(?:ing)? me (?:to )?(?:find|get|land|secure) (?:work|employment|a gig|gigs|something) (?:at|with|in|on) (?:${ORG}|[a-z0-9&.-]+\b)`,
    ),
    unlessBefore: WH,
  },
  {
    id: "chance-of-a-gig",
    category: "JOB",
    pattern: rx(
      String.raw`\b(?:chance|shot|possibility|hope) (?:of|at|for) (?:a |an |any )?${W}{0,2}?(?:${JOB}|gigs?|spot|place) (?:with you\b|(?:on|at|in|with) ${ORG})`,
    ),
  },
];
