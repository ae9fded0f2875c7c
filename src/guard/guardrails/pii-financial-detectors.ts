import { ibanValid, luhnValid } from "./pii-checksums.js";
import { groupBoundaries, mentionedBefore, textBefore } from "./pii-context.js";
import type { PiiDetector } from "./pii-detector-spec.js";

// Payment cards, IBANs and US social security numbers. Probabilistic defence in depth: checksums and
// formats rule out most look-alikes, but a Luhn-valid tracking number will still be taken for a card.

// Issuer prefixes of the major networks (Visa 4, Mastercard 51-55 and 2221-2720, Amex 34/37, Discover,
// Diners, JCB, UnionPay and Maestro in 3/5/6): a Luhn-valid number with one of them is almost surely a card.
function knownIssuer(digits: string): boolean {
  const first = digits[0];
  if (first === "3" || first === "4" || first === "5" || first === "6") return true;
  const four = Number(digits.slice(0, 4));
  return four >= 2221 && four <= 2720;
}

// Lengths cards are issued in (Visa 13/16/19, Diners 14, Amex 15, most others 16, some 19).
const cardLengths = new Set([13, 14, 15, 16, 19]);
// How printed cards are grouped: fours with a shorter last group, or Amex/Diners 4-6-5 and 4-6-4.
const cardGrouping = /^(?:4,)*[1-4]$|^4,6,[45]$/;
// The tail of an IBAN's country code and check digits: digits after it belong to the IBAN.
const ibanStart = /[a-z]{2}\d{2}[ ]?$/;

/** Payment card numbers: 13-19 digits, optionally grouped by spaces or dashes, Luhn-checked. */
export const cardDetector: PiiDetector = {
  name: "card",
  kind: "card",
  pattern: /(?<![\w.,-])\d(?:[ -]?\d){12,18}(?!\w)/g,
  alphabet: /[0-9 -]/,
  maxLength: 19 * 2 + 1,
  verdict(match, text) {
    const value = match[0];
    const separators = new Set(value.replace(/\d/g, ""));
    if (separators.size > 1 || ibanStart.test(textBefore(text, match.index))) return undefined;
    // The run may have swallowed a following number ("4111 1111 1111 1111 2025"): try shorter readings.
    for (const end of groupBoundaries(value, /[ -]/)) {
      const groups = value.slice(0, end).split(/[ -]/);
      const digits = groups.join("");
      if (!cardLengths.has(digits.length) || !luhnValid(digits)) continue;
      if (groups.length > 1 && !cardGrouping.test(groups.map((group) => group.length).join(","))) continue;
      const score = knownIssuer(digits) ? 0.95 : separators.size === 1 ? 0.6 : 0.5;
      return { score, start: match.index, end: match.index + end };
    }
    return undefined;
  },
};

/** IBANs: country code, two check digits, up to 30 letters or digits in groups of four; mod-97 checked. */
export const ibanDetector: PiiDetector = {
  name: "iban",
  kind: "iban",
  pattern: /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?(?![A-Za-z0-9])/g,
  alphabet: /[A-Z0-9 ]/,
  maxLength: 4 + 8 * 5 + 1,
  verdict(match) {
    const value = match[0];
    // A spaced IBAN followed by a four-character word ("BE68 5390 0754 7034 ASAP") reads as one more group.
    for (const end of groupBoundaries(value, / /)) {
      if (ibanValid(value.slice(0, end).replace(/ /g, ""))) {
        return { score: 0.95, start: match.index, end: match.index + end };
      }
    }
    return undefined;
  },
};

const ssnWords = /\b(?:ssn|social security|social sec|ss#|ss no)/;

/** US social security numbers: 123-45-6789 (or spaced, or bare next to "SSN"); never 000, 666 or 9xx areas. */
export const ssnDetector: PiiDetector = {
  name: "ssn",
  kind: "ssn",
  pattern:
    /(?<![\w-])(?!000|666|9\d\d)\d{3}(?:([- ])(?!00)\d{2}\1(?!0000)\d{4}|(?!00)\d{2}(?!0000)\d{4})(?![\w-])/g,
  alphabet: /[0-9 -]/,
  maxLength: 11 + 1,
  verdict(match, text) {
    const context = mentionedBefore(text, match.index, ssnWords);
    const separator = match[1];
    if (separator === "-") return { score: context ? 0.97 : 0.85 };
    if (separator === " ") return { score: context ? 0.85 : 0.45 };
    return context ? { score: 0.8 } : undefined;
  },
};
