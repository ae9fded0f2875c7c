import { describe, expect, it } from "vitest";
import { injectionPatterns } from "./injection-patterns.js";
import type { PiiSpan } from "./pii-detector-spec.js";
import { defaultPiiDetectors } from "./pii-detectors.js";
import { collectPiiCandidates, resolvePiiOverlaps, scanPii } from "./scan-pii.js";

const span = (detector: string, start: number, end: number, score: number): PiiSpan => ({
  kind: "phone",
  detector,
  start,
  end,
  score,
});

describe("scanPii", () => {
  it("returns non-overlapping findings in order, each with a kind and a score", () => {
    const text =
      "Dana (dana@example.com, +44 20 7946 0958) paid with 4111 1111 1111 1111 from 192.168.10.24.";
    const found = scanPii(text).map((finding) => [finding.kind, text.slice(finding.start, finding.end)]);
    expect(found).toEqual([
      ["email", "dana@example.com"],
      ["phone", "+44 20 7946 0958"],
      ["card", "4111 1111 1111 1111"],
      ["ip", "192.168.10.24"],
    ]);
  });

  it("lets the surer reading win where two detectors claim the same digits", () => {
    // "call" lifts the phone reading of an SSN above the threshold; the SSN reading is surer.
    const text = "call me or check SSN 123-45-6789";
    expect(scanPii(text).map((finding) => finding.detector)).toEqual(["ssn"]);
    expect(
      collectPiiCandidates(text, 0, defaultPiiDetectors, 0.5, false)
        .spans.map((s) => s.detector)
        .sort(),
    ).toEqual(["phone", "ssn"]);
  });

  it("honours minScore", () => {
    expect(scanPii("order 4155552671", { minScore: 0.3 })).toHaveLength(1);
    expect(scanPii("order 4155552671")).toHaveLength(0);
  });
});

describe("resolvePiiOverlaps", () => {
  const detectors = [{ name: "first" }, { name: "second" }] as unknown as Parameters<
    typeof resolvePiiOverlaps
  >[1];

  it("keeps the higher score, then the longer span, then the detector listed first", () => {
    expect(resolvePiiOverlaps([span("first", 0, 10, 0.6), span("second", 5, 12, 0.9)], detectors)).toEqual([
      span("second", 5, 12, 0.9),
    ]);
    expect(resolvePiiOverlaps([span("second", 0, 10, 0.8), span("first", 2, 8, 0.8)], detectors)).toEqual([
      span("second", 0, 10, 0.8),
    ]);
    expect(resolvePiiOverlaps([span("second", 0, 10, 0.8), span("first", 0, 10, 0.8)], detectors)).toEqual([
      span("first", 0, 10, 0.8),
    ]);
  });

  it("keeps spans that only touch, and both ends of a chain its middle loses", () => {
    expect(resolvePiiOverlaps([span("first", 0, 5, 0.9), span("first", 5, 9, 0.9)], detectors)).toHaveLength(
      2,
    );
    const chain = [span("first", 0, 10, 0.9), span("second", 8, 20, 0.5), span("first", 15, 25, 0.8)];
    expect(resolvePiiOverlaps(chain, detectors)).toEqual([
      span("first", 0, 10, 0.9),
      span("first", 15, 25, 0.8),
    ]);
  });
});

/** Quantifiers without an upper bound (`*`, `+`, `{n,}`) outside character classes: the source of ReDoS. */
function unboundedQuantifiers(source: string): string[] {
  const found: string[] = [];
  let inClass = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index]!;
    if (char === "\\") {
      index++;
    } else if (inClass) {
      if (char === "]") inClass = false;
    } else if (char === "[") {
      inClass = true;
    } else if (char === "*" || char === "+") {
      found.push(`${char} at ${index}`);
    } else if (char === "{") {
      const bound = /^\{\d+,\}/.exec(source.slice(index));
      if (bound !== null) found.push(`${bound[0]} at ${index}`);
    }
  }
  return found;
}

describe("linear time", () => {
  it("the quantifier check itself finds unbounded quantifiers and ignores escaped or classed ones", () => {
    expect(unboundedQuantifiers("a+b*c{2,}")).toHaveLength(3);
    expect(unboundedQuantifiers(String.raw`[+*]\+\*a{2,5}b{3}c?`)).toEqual([]);
  });

  it("every detector and injection pattern uses bounded quantifiers only", () => {
    for (const detector of defaultPiiDetectors) {
      expect(unboundedQuantifiers(detector.pattern.source), detector.name).toEqual([]);
    }
    for (const entry of injectionPatterns) {
      expect(unboundedQuantifiers(entry.pattern.source), entry.kind).toEqual([]);
    }
  });

  // Inputs shaped to make a backtracking engine retry: long runs of a pattern's alphabet that never
  // complete a match, or complete one only at the very end. Bounded size, no timing: a catastrophic
  // pattern would not finish within the test timeout, a linear one takes milliseconds.
  const adversarial: Array<[string, string]> = [
    ["local part without @", `${"a".repeat(100_000)}@`],
    ["@ chains", "a@".repeat(50_000)],
    ["dotted local part", `${"a.".repeat(50_000)}@`],
    ["endless domain", `a@${"b.".repeat(50_000)}1`],
    ["spaced digits", "1 ".repeat(50_000)],
    ["dashed digits", "1-".repeat(50_000)],
    ["parenthesised digits", "(1)".repeat(30_000)],
    ["plus signs", "+1".repeat(50_000)],
    ["digit run", "1".repeat(100_000)],
    ["dotted digits", "1.".repeat(50_000)],
    ["colons", ":".repeat(100_000)],
    ["hex and colons", "a:".repeat(50_000)],
    ["double colons", "1::".repeat(30_000)],
    ["IBAN prefixes", "DE89 ".repeat(20_000)],
    ["capital groups", "AAAA".repeat(25_000)],
    ["endless key", `sk-${"a".repeat(100_000)}`],
    ["key prefixes", "sk-".repeat(30_000)],
  ];

  for (const [name, text] of adversarial) {
    it(`scans ${name} (${text.length} characters) and reports only bounded matches`, () => {
      const { matches } = collectPiiCandidates(text, 0, defaultPiiDetectors, 0, true);
      const longest = Math.max(...defaultPiiDetectors.map((detector) => detector.maxLength));
      for (const match of matches) expect(match.end - match.start).toBeLessThan(longest);
      expect(scanPii(text).length).toBeLessThanOrEqual(text.length);
    });
  }

  it("every match stays within its detector's alphabet and maxLength (what streaming relies on)", () => {
    const samples = [
      "Reach dana.whitfield+orders@mail.example.co.uk or +1 (415) 555-2671 or 020 7946 0958.",
      "Card 4111 1111 1111 1111 2027, IBAN FR14 2004 1010 0505 0001 3M02 606, SSN 123-45-6789.",
      "Hosts 192.168.10.24, 2001:0db8:85a3:0000:0000:8a2e:0370:7334 and ::ffff:192.0.2.1.",
      `Key sk-proj-${"Ab1".repeat(80)} and AKIAIOSFODNN7EXAMPLE.`,
      `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(24)}`,
    ];
    for (const text of samples) {
      for (const detector of defaultPiiDetectors) {
        detector.pattern.lastIndex = 0;
        for (const match of text.matchAll(detector.pattern)) {
          expect(match[0].length, detector.name).toBeLessThan(detector.maxLength);
          for (const char of match[0])
            expect(detector.alphabet.test(char), `${detector.name}: ${char}`).toBe(true);
        }
      }
    }
  });

  it("injection patterns finish on adversarial input too", () => {
    const texts = [
      "ignore ".repeat(20_000),
      "ignore all previous ".repeat(8_000),
      "you are now ".repeat(10_000),
      "send the ".repeat(15_000),
      `![x](http://${"a".repeat(100_000)}`,
      `https://${"a".repeat(100_000)}`,
      "<!--".repeat(25_000),
      "A".repeat(100_000),
    ];
    for (const text of texts) {
      for (const entry of injectionPatterns) {
        entry.pattern.lastIndex = 0;
        let count = 0;
        for (const _match of text.matchAll(entry.pattern)) count++;
        expect(count).toBeLessThanOrEqual(text.length);
      }
    }
  });
});
