import { mentionedBefore } from "./pii-context.js";
import type { PiiDetector } from "./pii-detector-spec.js";

// IP addresses are personal data under GDPR and map internal networks. Probabilistic defence in depth:
// a version number can look like an IPv4 address, so nearby words lower the score.

const octet = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const versionWords =
  /\b(?:version|ver|v|release|build|firmware|chrome|firefox|safari|edge|ios|android)[ .:]{0,2}$/;

/** IPv4 addresses in dotted-quad form, each octet 0-255. */
export const ipv4Detector: PiiDetector = {
  name: "ipv4",
  kind: "ip",
  // Not followed by ".digit": 1.2.3.4.5 is not an address, but "at 10.0.0.1." ends a sentence.
  pattern: new RegExp(`(?<![\\w.])(?:${octet}\\.){3}${octet}(?!\\w|\\.\\d)`, "g"),
  alphabet: /[0-9.]/,
  maxLength: 15 + 2,
  verdict(match, text) {
    const value = match[0];
    if (mentionedBefore(text, match.index, versionWords)) return { score: 0.35 };
    if (value.startsWith("127.") || value === "0.0.0.0" || value === "255.255.255.255")
      return { score: 0.35 };
    return { score: 0.85 };
  },
};

/** IPv6 addresses: eight groups, or compressed with one `::`, optionally ending in an IPv4 address. */
export const ipv6Detector: PiiDetector = {
  name: "ipv6",
  kind: "ip",
  pattern: new RegExp(
    `(?<![\\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:${octet}\\.){3}${octet}|[0-9A-Fa-f]{1,4})?(?![\\w:])`,
    "g",
  ),
  alphabet: /[0-9A-Fa-f:.]/,
  maxLength: 7 * 5 + 15 + 1,
  verdict(match) {
    const value = match[0];
    const compressed = value.split("::").length - 1;
    if (compressed > 1 || value.includes(":::")) return undefined;
    const withoutPrefix = value.startsWith("::") ? value.slice(2) : value;
    const body = withoutPrefix.endsWith("::") ? withoutPrefix.slice(0, -2) : withoutPrefix;
    const groups = body === "" ? [] : body.split(/::?/);
    // An embedded IPv4 address stands for two groups.
    const count = groups.reduce((total, group) => total + (group.includes(".") ? 2 : 1), 0);
    if (groups.some((group) => group === "" || (!group.includes(".") && group.length > 4))) return undefined;
    if (compressed === 0) return count === 8 ? { score: 0.85 } : undefined;
    if (count > 7) return undefined;
    if (count <= 1) return { score: 0.3 };
    if (/^fe80:/i.test(value)) return { score: 0.6 };
    return { score: count >= 3 ? 0.75 : 0.45 };
  },
};
