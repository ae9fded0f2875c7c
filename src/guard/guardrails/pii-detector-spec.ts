import type { GuardrailFinding } from "./guardrail-spec.js";

// PII detectors are probabilistic defence in depth: they find likely personal data and secrets by shape,
// checksum and nearby words, so they miss some and flag some. The hard controls are policy, budgets and
// schemas; redaction only lowers how much personal data reaches a model, a log or a reply.

/** What a placeholder stands for: `[EMAIL_1]`, `[PHONE_2]`, `[CARD_1]`, `[IBAN_1]`, `[IP_1]`, `[SSN_1]`, `[SECRET_1]`. */
export const piiKinds = ["email", "phone", "card", "iban", "ip", "ssn", "secret"] as const;
export type PiiKind = (typeof piiKinds)[number];

/** A detector's verdict on one match: how sure it is, and optionally a narrower span (absolute offsets). */
export interface PiiVerdict {
  score: number;
  start?: number;
  end?: number;
}

/**
 * One detector. Its pattern must run in linear time: a global regex with bounded quantifiers only
 * (`{1,64}`, never `+`, `*` or `{n,}`), whose lookbehind reads at most `piiContextChars` characters and
 * whose lookaheads read characters of `alphabet` and at most one other character after them. Streaming
 * relies on those rules (see stream-hold-back.ts).
 */
export interface PiiDetector {
  /** `email`, `phone`, `card`, `iban`, `ipv4`, `ipv6`, `ssn`, `secret`: named in findings' `detector`. */
  readonly name: string;
  readonly kind: PiiKind;
  /** Global (`g`) regex, bounded quantifiers only. */
  readonly pattern: RegExp;
  /** Every character a match can contain (ASCII only), as a one-character class such as `/[0-9 -]/`. */
  readonly alphabet: RegExp;
  /** The most characters the pattern reads from where a match starts: the longest match plus its lookahead. */
  readonly maxLength: number;
  /** Scores a match, or undefined when it is not what the detector looks for (e.g. a failed checksum). */
  verdict(match: RegExpExecArray, text: string): PiiVerdict | undefined;
}

/** A detected value, by offsets into the scanned text; the value itself is never copied into findings. */
export interface PiiSpan {
  kind: PiiKind;
  detector: string;
  start: number;
  end: number;
  score: number;
}

/** A guardrail finding for PII: `kind` is `pii.<kind>`; `placeholder` is set once the value was redacted. */
export interface PiiFinding extends GuardrailFinding {
  kind: `pii.${PiiKind}`;
  detector: string;
  start: number;
  end: number;
  placeholder?: string;
}

/** How many characters before a match detectors may read (lookbehind and context words such as "phone:"). */
export const piiContextChars = 40;
