import { SeededRandom, seedFrom } from "../../src/models/index.ts";

let below = 0;
const n = 10000;
for (let i = 0; i < n; i++) {
  const r = new SeededRandom(seedFrom(seedFrom(5, "k", i), "faults"));
  if (r.next() < 0.2) below++;
}
console.log("first draw <0.2:", below / n);
let b2 = 0;
const r = new SeededRandom(5);
for (let i = 0; i < n; i++) if (r.next() < 0.2) b2++;
console.log("sequence:", b2 / n);
let b3 = 0;
for (let i = 0; i < n; i++) {
  if (new SeededRandom(i * 7919 + 13).next() < 0.2) b3++;
}
console.log("first of seq seeds", b3 / n);
