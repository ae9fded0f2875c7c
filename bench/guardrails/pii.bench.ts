// PII scan throughput (issue 6): MB/s of the content guardrails' redaction over ~5 MB of support-ticket
// text with PII sprinkled in, against two baselines measured in the same run on the same text:
//   - the regex floor: ONE global regex, the alternation of every detector's own pattern, counting
//     matches; what the detectors' patterns cost with no checksums, scores, overlap resolution or
//     placeholders;
//   - the memory floor: a String.prototype.indexOf("@") pass, the cheapest full read of the text.
// Also reported: detection alone (scanPii) and streaming redaction in 64-character deltas.
// Target: redact / regex floor >= 0.25 (redaction at most four times the cost of the bare regex scan).
// Run: npm run bench guardrails, or node --import tsx bench/guardrails/pii.bench.ts
// PII_BENCH_MB sets the corpus size (default 5).

import {
  createPiiRedactor,
  createStreamRedactor,
  defaultPiiDetectors,
  scanPii,
} from "../../src/guard/index.js";
import { supportTicketCorpus } from "../../test/support/guardrail-corpus.js";
import { median, timed } from "../support/timing.js";

const target = 0.25;
const rounds = 5;
const megabytes = Number(process.env.PII_BENCH_MB ?? 5);
const corpus = supportTicketCorpus(Math.round(megabytes * 1_000_000));
const bytes = Buffer.byteLength(corpus, "utf8");

const combined = new RegExp(
  defaultPiiDetectors.map((detector) => `(?:${detector.pattern.source})`).join("|"),
  "g",
);
let sink = 0;

const paths: Record<string, () => void> = {
  "redact (createPiiRedactor().redact)": () => {
    sink += createPiiRedactor().redact(corpus).findings.length;
  },
  "detect only (scanPii)": () => {
    sink += scanPii(corpus).length;
  },
  "stream redact (64-char deltas)": () => {
    const stream = createStreamRedactor(createPiiRedactor());
    for (let index = 0; index < corpus.length; index += 64)
      sink += stream.push(corpus.slice(index, index + 64)).length;
    sink += stream.flush().length;
  },
  "baseline: one combined regex": () => {
    combined.lastIndex = 0;
    while (combined.exec(corpus) !== null) sink++;
  },
  "baseline: indexOf('@') pass": () => {
    for (let index = corpus.indexOf("@"); index !== -1; index = corpus.indexOf("@", index + 1)) sink++;
  },
};

async function main(): Promise<void> {
  const names = Object.keys(paths);
  const redaction = createPiiRedactor().redact(corpus);
  const kinds = new Map<string, number>();
  for (const finding of redaction.findings) kinds.set(finding.kind, (kinds.get(finding.kind) ?? 0) + 1);
  console.log(
    `PII scan bench: ${(bytes / 1e6).toFixed(2)} MB of ticket text, ${redaction.findings.length} findings ` +
      `(${[...kinds].map(([kind, count]) => `${kind.slice(4)} ${count}`).join(", ")}); ${rounds} rounds, median`,
  );
  // The streamed result must be the one-shot result, or its throughput would mean nothing.
  const stream = createStreamRedactor(createPiiRedactor());
  let streamed = "";
  for (let index = 0; index < corpus.length; index += 64)
    streamed += stream.push(corpus.slice(index, index + 64));
  streamed += stream.flush();
  console.log(`stream output equals the one-shot redaction: ${streamed === redaction.text ? "yes" : "NO"}`);

  for (const name of names) paths[name]!();
  const times = new Map<string, number[]>(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    // Alternate the order so neither side always runs on a warmer heap.
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) times.get(name)!.push(await timed(paths[name]!));
  }
  const rate = (name: string) => bytes / 1e6 / (median(times.get(name)!) / 1000);
  for (const name of names) {
    console.log(
      `  ${name.padEnd(38)} ${rate(name).toFixed(1).padStart(8)} MB/s  (${median(times.get(name)!).toFixed(1)} ms)`,
    );
  }
  const ratio = rate(names[0]!) / rate("baseline: one combined regex");
  const memoryRatio = rate(names[0]!) / rate("baseline: indexOf('@') pass");
  console.log(
    `redact / regex floor: ${ratio.toFixed(2)} (target >= ${target}); redact / indexOf floor: ${memoryRatio.toFixed(3)}`,
  );
  if (sink < 0) console.log(sink);
  console.log(
    ratio >= target && streamed === redaction.text
      ? "PASS pii-scan"
      : `FAIL pii-scan: ratio ${ratio.toFixed(2)} < ${target} or the stream differs`,
  );
}

await main();
