// Statistics for eval runs: moments, intervals, percentiles and the McNemar test.

export { mean, sampleVariance } from "./describe.js";
export { meanEstimate, passRateEstimate } from "./estimate.js";
export { mcnemarExactPValue } from "./mcnemar.js";
export { percentile } from "./percentile.js";
export { tQuantile975 } from "./student-t.js";
export { wilsonInterval } from "./wilson-interval.js";
