// The phrasings the injection heuristic looks for, each with a weight (how suspicious on its own). They
// are probabilistic defence in depth: a paraphrase, another language or an encoding they do not know gets
// through, and the policy decision point still decides every tool call. Bounded quantifiers only, so
// matching stays linear in the text's length.

export interface InjectionPattern {
  /** `injection.<what>`: the finding's kind. */
  kind: string;
  /** 0..1, alone. Signals of different kinds add up (noisy-OR); one kind counts once, at its strongest. */
  weight: number;
  pattern: RegExp;
  /** A finer weight from the match (e.g. a tool name that sounds destructive). */
  weigh?(match: RegExpExecArray): number;
}

const words = (list: string) => `(?:${list.trim().split(/\s+/).join("|")})`;
const s = String.raw`\s{1,3}`;
const re = (source: string) => new RegExp(source, "gi");

const overrideVerb = words("ignore disregard forget overlook");
const strongQualifier = words(
  "all any every your previous prior above earlier preceding foregoing original initial system developer safety existing current former",
);
const ruleNoun = words(
  "instructions? directions? prompts? rules guidelines guardrails directives commands orders constraints policies programming restrictions context",
);
const modelNoun = `(?:ai|llm|assistant|chatbot|gpt|chatgpt|claude|gemini|copilot|language${s}model|ai${s}(?:agent|assistant))`;
const destructive =
  /(?:delete|drop|destroy|remove|wipe|purge|truncate|erase|transfer|send|grant|refund|pay|export|exec|shell|sudo|rm|kill|shutdown|disable)/i;
// What an exfiltration attempt wants out: the conversation, the prompt, keys and credentials.
// "the password reset link" is not a password.
const secretNoun = String.raw`(?:conversation(?:${s}history)?|chat${s}history|history|system${s}prompt|api${s}keys?|credentials|secrets?|passwords?|(?:session${s}|access${s})?tokens?|cookies)\b(?!${s}(?:reset|link|page|form|policy|rules|requirements|change|manager|field|expired|expiry))`;
const exfiltrationQuery =
  /[?&](?:data|d|q|query|secret|token|key|password|pass|conversation|chat|history|email|user|content|prompt|msg|message|payload|info|s)=|\{|%7B|\[[A-Z_]{2,}\]/i;

export const injectionPatterns: readonly InjectionPattern[] = [
  {
    kind: "injection.ignore-instructions",
    weight: 0.85,
    pattern: re(
      String.raw`\b${overrideVerb}${s}(?:(?:the|these|those|of|my|its|and)${s}){0,2}${strongQualifier}${s}(?:\w{1,15}${s}){0,2}${ruleNoun}\b`,
    ),
  },
  {
    // "bypass the existing restrictions on my account" is an IT request: only the model's own rules count.
    kind: "injection.ignore-instructions",
    weight: 0.6,
    pattern: re(
      String.raw`\b(?:bypass|override|circumvent|break)${s}(?:your|all|any|the${s}ai's|safety|system)${s}(?:(?:own|safety|content|system)${s})?(?:instructions|rules|guidelines|guardrails|restrictions|programming|filters|policies)\b`,
    ),
  },
  {
    // "disregard the instructions in the manual" is something customers write: weak alone.
    kind: "injection.ignore-instructions",
    weight: 0.4,
    pattern: re(
      String.raw`\b(?:ignore|disregard|forget)${s}(?:(?:the|these|those)${s})?(?:instructions?|rules|guidelines|guardrails)\b`,
    ),
  },
  {
    kind: "injection.ignore-instructions",
    weight: 0.75,
    pattern: re(
      String.raw`\b(?:ignore|disregard|forget)${s}(?:everything|all)${s}(?:(?:that|you|i|was|were|have|been|said|told|written|stated)${s}){0,3}(?:above|before|previously|earlier|so${s}far|up${s}to${s}(?:now|here)|you${s}(?:know|were${s}told))\b`,
    ),
  },
  {
    kind: "injection.ignore-instructions",
    weight: 0.7,
    pattern: re(
      String.raw`\b(?:previous|prior|above|earlier|original|old|system)${s}(?:instructions|rules|guidelines|directives)${s}(?:no${s}longer${s}apply|(?:are|were)${s}(?:void|cancelled|canceled|revoked|obsolete|suspended|lifted))\b`,
    ),
  },
  {
    // "Please ignore the above, I found the receipt" is ordinary email too.
    kind: "injection.ignore-instructions",
    weight: 0.45,
    pattern: re(
      String.raw`\b(?:ignore|disregard)${s}(?:all${s})?(?:of${s})?the${s}(?:above|previous|preceding)\b`,
    ),
  },
  {
    kind: "injection.new-instructions",
    weight: 0.45,
    pattern: re(
      String.raw`\b(?:new|updated|revised|real|actual|true|secret|hidden|additional)${s}(?:system${s})?(?:instructions?|directives?)\s{0,3}:`,
    ),
  },
  {
    kind: "injection.new-instructions",
    weight: 0.4,
    pattern: re(
      String.raw`\bfrom${s}now${s}on,?${s}(?:you|the${s}(?:assistant|ai|model))${s}(?:will|must|shall|are|should|can)\b`,
    ),
  },
  {
    kind: "injection.role-override",
    weight: 0.7,
    pattern: re(
      String.raw`\byou${s}are${s}(?:now|no${s}longer)${s}(?:(?:a|an|the|my|in)${s})?(?:\w{1,20}${s}){0,2}(?:ai|assistant|chatbot|model|bot|dan|persona|character|jailbroken|unrestricted|unfiltered|uncensored|mode)\b`,
    ),
  },
  {
    kind: "injection.role-override",
    weight: 0.7,
    pattern: re(
      String.raw`\b(?:act|behave|respond|answer|operate)${s}as${s}(?:if${s}you${s}(?:are|were)${s})?(?:\w{1,20}${s}){0,4}(?:without|with${s}no|free${s}(?:of|from))${s}(?:any${s})?(?:restrictions|limits|limitations|filters|rules|guidelines|censorship|ethics)\b`,
    ),
  },
  {
    kind: "injection.role-override",
    weight: 0.45,
    pattern: re(String.raw`\bpretend${s}(?:to${s}be|you${s}are|that${s}you)\b`),
  },
  {
    kind: "injection.role-override",
    weight: 0.6,
    pattern: re(
      String.raw`\b(?:(?:dan|jailbreak|jailbroken|unrestricted|unfiltered|evil)${s}mode|do${s}anything${s}now)\b`,
    ),
  },
  {
    kind: "injection.role-override",
    weight: 0.55,
    pattern: re(
      String.raw`\byour${s}(?:new${s}|real${s}|true${s})?(?:role|persona|identity|objective|purpose|mission)${s}(?:is|will${s}be|has${s}changed)\b`,
    ),
  },
  {
    kind: "injection.system-prompt",
    weight: 0.7,
    pattern: re(
      String.raw`\b(?:reveal|show|print|output|repeat|display|leak|disclose|dump|tell${s}me|give${s}me)${s}(?:me${s})?(?:your|the)${s}(?:(?:full|entire|original|initial|hidden|secret|exact|complete)${s}){0,2}(?:system${s}(?:prompt|message|instructions)|(?:initial|hidden|original|secret)${s}(?:prompt|instructions))\b`,
    ),
  },
  {
    kind: "injection.system-prompt",
    weight: 0.55,
    pattern: re(
      String.raw`\b(?:reveal|print|repeat|leak|disclose|dump)${s}(?:me${s})?your${s}(?:instructions|prompt|rules|guidelines)\b`,
    ),
  },
  { kind: "injection.system-prompt", weight: 0.3, pattern: re(String.raw`\bsystem${s}prompt\b`) },
  {
    kind: "injection.fake-delimiters",
    weight: 0.75,
    pattern: re(
      String.raw`<\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text)\|>|\[/?INST\]|<</?SYS>>`,
    ),
  },
  {
    kind: "injection.fake-delimiters",
    weight: 0.8,
    pattern: re(String.raw`<\s{0,3}/?\s{0,3}untrusted-content\b`),
  },
  {
    kind: "injection.fake-delimiters",
    weight: 0.5,
    pattern: re(`</?(?:system|instructions?|assistant|tool_result|function_results|admin)>`),
  },
  {
    // "System: macOS 14" is how bug reports start: weak alone.
    kind: "injection.fake-delimiters",
    weight: 0.3,
    pattern:
      /^[ \t]{0,3}(?:#{1,4}[ \t]{0,2})?(?:system|assistant)[ \t]{0,2}(?:message|prompt)?[ \t]{0,2}:/gim,
  },
  {
    // Tickets name functions and files ("run the setup_wizard", "the get_orders endpoint"): weak unless the
    // name sounds destructive.
    kind: "injection.tool-coercion",
    weight: 0.35,
    pattern: re(
      String.raw`\b(?:call|invoke|execute|run|trigger|use|fire|perform|activate)${s}(?:the${s})?(?:(?:tool|function|command|action)${s})?[\x60'"]?([a-z][a-z0-9]{0,30}(?:_[a-z0-9]{1,30}){1,5})\b`,
    ),
    weigh: (match) => (destructive.test(match[1] ?? "") ? 0.75 : 0.35),
  },
  {
    kind: "injection.tool-coercion",
    weight: 0.65,
    pattern: re(
      String.raw`\b(?:you${s}must|you${s}need${s}to|you${s}have${s}to|immediately|now)${s}(?:call|invoke|execute|run|use)${s}(?:the${s})?[\w.-]{1,40}${s}(?:tool|function)\b`,
    ),
  },
  {
    kind: "injection.tool-coercion",
    weight: 0.5,
    pattern: re(
      String.raw`"(?:name|tool|tool_name|function)"\s{0,3}:\s{0,3}"([^"\n]{1,64})"\s{0,3},\s{0,3}"(?:arguments|args|parameters|input)"\s{0,3}:`,
    ),
    weigh: (match) => (destructive.test(match[1] ?? "") ? 0.75 : 0.5),
  },
  {
    // Product pages embed images with cache-busting queries (?v=3): weak unless the query carries data.
    kind: "injection.exfiltration",
    weight: 0.35,
    pattern: re(String.raw`!\[[^\]\n]{0,200}\]\(\s{0,3}(?:https?:)?//[^\s)]{1,300}\?[^\s)]{1,1000}\)`),
    weigh: (match) => (exfiltrationQuery.test(match[0].slice(match[0].indexOf("?"))) ? 0.85 : 0.35),
  },
  {
    kind: "injection.exfiltration",
    weight: 0.6,
    pattern: re(
      String.raw`https?://[^\s"'<>]{1,300}(?:\{[^}\s]{1,40}\}|%7B[^\s%]{1,40}%7D|\[[A-Z_]{2,30}\])`,
    ),
  },
  {
    kind: "injection.exfiltration",
    weight: 0.45,
    pattern: re(
      String.raw`\b(?:send|post|upload|forward|transmit|leak|exfiltrate|append|include|embed|encode|submit|email|share|paste)${s}(?:(?:all|the|this|that|your|our|any|every|these|full|entire|complete|whole|user's|users')${s}){0,3}${secretNoun}`,
    ),
  },
  {
    kind: "injection.exfiltration",
    weight: 0.75,
    pattern: re(
      String.raw`\b(?:send|post|upload|forward|transmit|leak|exfiltrate|append|email)${s}[^.\n]{0,40}?\b${secretNoun}[^.\n]{0,40}?\b(?:to|into|via)${s}(?:this${s}|the${s}following${s})?(?:url|endpoint|webhook|server|https?://|www\.|[\w.+-]{1,64}@[\w-]{1,63}\.)`,
    ),
  },
  {
    kind: "injection.addressing-model",
    weight: 0.5,
    pattern: re(
      String.raw`\b(?:attention|note|message|instructions?|hey|dear|hello|hi|important|reminder)\s{0,3}(?:to|for)?\s{0,3}(?:the${s}|all${s}|any${s})?${modelNoun}s?\s{0,3}[:,!]`,
    ),
  },
  {
    kind: "injection.addressing-model",
    weight: 0.6,
    pattern: re(
      String.raw`\bif${s}you${s}are${s}(?:an?${s})?(?:ai|llm|large${s}language${s}model|language${s}model|chatbot|ai${s}(?:agent|assistant)|assistant|bot)\b`,
    ),
  },
  {
    kind: "injection.addressing-model",
    weight: 0.6,
    pattern: re(
      String.raw`\b(?:ai|llm|assistant|agent|model)s?${s}(?:reading|processing|summari[sz]ing|parsing)${s}this\b`,
    ),
  },
  {
    kind: "injection.hidden-text",
    weight: 0.25,
    pattern: re(
      String.raw`(?:display\s{0,2}:\s{0,2}none|visibility\s{0,2}:\s{0,2}hidden|font-size\s{0,2}:\s{0,2}0(?:px|pt|em)?(?![\d.])|opacity\s{0,2}:\s{0,2}0(?![\d.])|color\s{0,2}:\s{0,2}(?:white|#fff(?:fff)?|transparent)\b)`,
    ),
  },
];
