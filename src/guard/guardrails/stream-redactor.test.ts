import { describe, expect, it } from "vitest";
import { samplePii, seededRandom } from "../../../test/support/guardrail-corpus.js";
import { createPiiRedactor } from "./pii-redactor.js";
import { createStreamRedactor, type StreamRedactor } from "./stream-redactor.js";

const fillers = [
  "Hi",
  "please",
  "call",
  "phone:",
  "my",
  "SSN",
  "IBAN",
  "card",
  "ASAP",
  "OK",
  "THANKS",
  "v2.3.4",
  "2024-01-15",
  "10:30",
  "order",
  "#A-88213",
  "1,299.00",
  "café",
  "😀",
  "(see",
  "above)",
  "—",
  "mail",
  "to",
  "at",
  "x",
  "FR",
  "DE89",
  "4111",
  "sk-",
  "gsk_",
  "::",
  "192.168",
  "+",
  "@",
  "[EMAIL_1]",
  "[PHONE_",
  "]",
  "logo@2x.png",
];
const glue = [" ", " ", " ", "", ", ", ". ", "\n", "-", "/", ":", "(", ")"];

function randomText(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const parts: string[] = [];
  const count = 5 + Math.floor(random() * 60);
  for (let index = 0; index < count; index++) {
    parts.push(random() < 0.3 ? pick(samplePii) : pick(fillers), pick(glue));
  }
  return parts.join("");
}

function randomSplit(text: string, random: () => number): string[] {
  const mode = random();
  const size =
    mode < 0.2 ? () => 1 : mode < 0.4 ? () => Math.floor(random() * 3) : () => 1 + Math.floor(random() * 24);
  const deltas: string[] = [];
  // Array.from splits by code point, so an emoji is never cut in half (the model never sends half of one).
  const characters = Array.from(text);
  for (let index = 0; index < characters.length; ) {
    const length = size();
    deltas.push(characters.slice(index, index + length).join(""));
    index += length;
  }
  return deltas;
}

function streamAll(stream: StreamRedactor, deltas: readonly string[]): string {
  return deltas.map((delta) => stream.push(delta)).join("") + stream.flush();
}

describe("createStreamRedactor (redact)", () => {
  it("holds back a value that is still arriving and releases it as a placeholder", () => {
    const stream = createStreamRedactor(createPiiRedactor());
    expect(stream.push("Contact me at dana@exa")).toBe("Contact me at ");
    expect(stream.held).toBe("dana@exa".length);
    expect(stream.push("mple.com or +44 20 79")).toBe("[EMAIL_1] or");
    expect(stream.push("46 0958 today")).toBe(" [PHONE_1] ");
    expect(stream.flush()).toBe("today");
    expect(stream.findings.map((finding) => [finding.kind, finding.start, finding.end])).toEqual([
      ["pii.email", 14, 30],
      ["pii.phone", 34, 50],
    ]);
  });

  it("releases plain prose word by word, holding back only the last word", () => {
    const stream = createStreamRedactor(createPiiRedactor());
    expect(stream.push("Your order has ship")).toBe("Your order has ");
    expect(stream.push("ped. Thanks")).toBe("shipped. ");
    expect(stream.flush()).toBe("Thanks");
  });

  it("equals the one-shot redaction for random texts split at random points (property)", () => {
    const random = seededRandom(20_260_601);
    for (let run = 0; run < 400; run++) {
      const text = randomText(random);
      const expected = createPiiRedactor().redact(text);
      for (let split = 0; split < 3; split++) {
        const deltas = randomSplit(text, random);
        const stream = createStreamRedactor(createPiiRedactor());
        const context = `run ${run}, deltas ${JSON.stringify(deltas)}`;
        expect(streamAll(stream, deltas), context).toBe(expected.text);
        expect(stream.findings, context).toEqual(expected.findings);
        expect(stream.held).toBe(0);
      }
    }
  });

  it("keeps its hold-back bounded on a long run that could be a value", () => {
    const stream = createStreamRedactor(createPiiRedactor());
    let released = 0;
    for (let index = 0; index < 2_000; index++) {
      released += stream.push("abcd").length;
      expect(stream.held).toBeLessThan(600);
    }
    expect(released + stream.flush().length).toBe(8_000);
  });
});

describe("createStreamRedactor (restore)", () => {
  it("holds back a placeholder being written and restores it whole", () => {
    const redactor = createPiiRedactor();
    redactor.redact("dana@example.com");
    const stream = createStreamRedactor(redactor, { mode: "restore" });
    expect(stream.push("We will write to [EMA")).toBe("We will write to ");
    expect(stream.push("IL_1] today [")).toBe("dana@example.com today ");
    expect(stream.push("sic]")).toBe("[sic]");
    expect(stream.flush()).toBe("");
  });

  it("equals the one-shot restore for random replies split at random points (property)", () => {
    const random = seededRandom(7);
    for (let run = 0; run < 200; run++) {
      const redactor = createPiiRedactor();
      const reply = `${redactor.redact(randomText(random)).text} [EMAIL_9] [PHONE_ [ [SECRET_1`;
      const deltas = randomSplit(reply, random);
      const stream = createStreamRedactor(redactor, { mode: "restore" });
      expect(streamAll(stream, deltas), JSON.stringify(deltas)).toBe(redactor.restore(reply));
    }
  });
});
