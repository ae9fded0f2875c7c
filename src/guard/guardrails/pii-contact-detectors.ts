import { groupBoundaries, mentionedBefore } from "./pii-context.js";
import type { PiiDetector, PiiVerdict } from "./pii-detector-spec.js";

// Email addresses and phone numbers. Probabilistic defence in depth: shapes and nearby words, no lookups.

// File names such as logo@2x.png have the shape of an address; their "top-level domain" gives them away.
const fileExtensions =
  /^(?:png|jpe?g|gif|svg|webp|ico|bmp|css|js|mjs|cjs|ts|tsx|jsx|json|map|pdf|zip|txt|md)$/i;

/** Email addresses: local part, `@`, one to six domain labels, a 2-24 letter top-level domain. */
export const emailDetector: PiiDetector = {
  name: "email",
  kind: "email",
  pattern:
    /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,6}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g,
  alphabet: /[A-Za-z0-9._%+@-]/,
  maxLength: 64 + 1 + 6 * 64 + 24 + 1,
  verdict(match) {
    const value = match[0];
    const at = value.indexOf("@");
    const local = value.slice(0, at);
    const topLevel = value.slice(value.lastIndexOf(".") + 1);
    if (fileExtensions.test(topLevel)) return { score: 0.3 };
    if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) return { score: 0.4 };
    return { score: 0.95 };
  },
};

const phoneWords =
  /\b(?:phone|tel|telephone|mobile|cell|call|fax|whatsapp|sms|text me|reach me|dial|landline)\b/;

interface PhoneGroups {
  plus: boolean;
  groups: string[];
  parenthesised: boolean;
}

function parsePhone(value: string): PhoneGroups {
  return {
    plus: value.startsWith("+"),
    groups: value.match(/\d{1,15}/g) ?? [],
    parenthesised: value.includes("("),
  };
}

// Scores one reading of a digit run as a phone number, from the most specific format to the vaguest.
function phoneScore({ plus, groups, parenthesised }: PhoneGroups): number {
  const digits = groups.join("");
  const count = digits.length;
  if (count < 7 || count > 15) return 0;
  if (plus) return count >= 8 && digits[0] !== "0" ? 0.9 : 0;
  if (digits.startsWith("00") && count >= 10 && groups.length >= 2) return 0.8;
  const sizes = groups.map((group) => group.length).join(",");
  // North American numbering: (415) 555-2671, 415-555-2671, 1 415 555 2671; area codes start 2-9.
  const nanp = sizes === "3,3,4" ? groups[0]! : sizes === "1,3,3,4" && groups[0] === "1" ? groups[1]! : "";
  if (nanp !== "") return nanp[0]! >= "2" ? 0.85 : 0.4;
  // A national number behind its trunk 0: 020 7946 0958, 06 12 34 56 78, 030 1234567.
  if (digits[0] === "0" && digits[1] !== "0" && count >= 9 && count <= 11 && groups.length >= 2) return 0.7;
  if (parenthesised && groups.length >= 2) return 0.6;
  if (groups.length === 1) return count === 10 || count === 11 ? 0.35 : 0.2;
  return 0.3;
}

/** Phone numbers: international (+ or 00) and common national formats (NANP, trunk-0 European). */
export const phoneDetector: PiiDetector = {
  name: "phone",
  kind: "phone",
  // An optional +, then digit groups (one may be in parentheses) joined by one or two of space . -
  pattern:
    /(?<![\w+.@/-])\+?(?:\(\d{1,5}\)|\d{1,15})(?:[ .-]{0,2}\(\d{1,5}\)|[ .-]{1,2}\d{1,15}|(?<=\))\d{1,15}){0,7}(?!\w)/g,
  alphabet: /[0-9 ().+-]/,
  maxLength: 1 + 8 * 17 + 1,
  verdict(match, text) {
    const value = match[0];
    // Most matches are short numbers (quantities, years, times); no phone number has fewer than 7 characters.
    if (value.length < 7) return undefined;
    const boost = mentionedBefore(text, match.index, phoneWords) ? 0.25 : 0;
    let best: PiiVerdict | undefined;
    // A greedy run can swallow a following number ("415 555 2671 2 times"): try shorter readings too.
    for (const end of groupBoundaries(value, /[ .(-]/)) {
      const base = phoneScore(parsePhone(value.slice(0, end)));
      if (base === 0) continue;
      const score = Math.min(0.97, base + boost);
      if (best === undefined || score > best.score)
        best = { score, start: match.index, end: match.index + end };
    }
    return best;
  },
};
