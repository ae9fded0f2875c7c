// The two-sided 95% quantile of Student's t distribution, for confidence intervals of small samples.

// t(0.975, df) for df = 1..30, to four decimals (any statistics table).
const table = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604,
  2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555,
  2.0518, 2.0484, 2.0452, 2.0423,
];

const z975 = 1.959964;

/**
 * t(0.975, df): exact table values up to 30 degrees of freedom, above that the Cornish-Fisher
 * expansion around the normal quantile (within 1e-4 of the true value for df > 30). Throws on df < 1.
 */
export function tQuantile975(degreesOfFreedom: number): number {
  if (!(degreesOfFreedom >= 1))
    throw new RangeError(`degrees of freedom must be >= 1, got ${degreesOfFreedom}`);
  const df = Math.floor(degreesOfFreedom);
  if (df <= table.length) return table[df - 1]!;
  const z = z975;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  );
}
