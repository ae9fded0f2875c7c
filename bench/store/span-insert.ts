// Entry for `npx tsx bench/store/span-insert.ts`; the benchmark itself is span-insert.bench.ts, the name
// `npm run bench` (scripts/bench.mjs) discovers.
import "./span-insert.bench.js";
