// Agreement between a judge and human labels, per dimension and over all dimensions pooled:
// accuracy (share of items where both chose the same label) and Cohen's kappa, which discounts the
// agreement two raters would reach by chance given how often each uses each label:
//   κ = (p_o − p_e) / (1 − p_e),  p_e = Σ_label (human share of label) × (judge share of label).
// κ is null when it is undefined: p_e = 1, i.e. both raters used one and the same label throughout.

export interface LabelPair {
  dimension: string;
  human: string;
  judge: string;
}

export interface Agreement {
  n: number;
  accuracy: number;
  cohensKappa: number | null;
  /** confusion[human][judge] = count; every label either rater used appears on both axes. */
  confusion: Record<string, Record<string, number>>;
  labels: string[];
}

export interface AgreementReport {
  overall: Agreement;
  dimensions: Record<string, Agreement>;
}

/**
 * Accuracy, Cohen's kappa and the confusion matrix of one set of pairs. `scale` orders the labels
 * (and puts every label of the scale on the axes); labels outside it follow in the order first seen.
 */
export function agreementOf(
  pairs: readonly Pick<LabelPair, "human" | "judge">[],
  scale: readonly string[] = [],
): Agreement {
  const labels = [...new Set([...scale, ...pairs.flatMap((pair) => [pair.human, pair.judge])])];
  const confusion = Object.fromEntries(
    labels.map((human) => [human, Object.fromEntries(labels.map((judge) => [judge, 0]))]),
  );
  for (const pair of pairs) confusion[pair.human]![pair.judge]! += 1;
  const n = pairs.length;
  if (n === 0) return { n, accuracy: 0, cohensKappa: null, confusion, labels };
  const agreed = labels.reduce((sum, label) => sum + confusion[label]![label]!, 0);
  const observed = agreed / n;
  const expected = labels.reduce((sum, label) => {
    const humanShare = Object.values(confusion[label]!).reduce((total, count) => total + count, 0) / n;
    const judgeShare = labels.reduce((total, human) => total + confusion[human]![label]!, 0) / n;
    return sum + humanShare * judgeShare;
  }, 0);
  const cohensKappa = 1 - expected < 1e-12 ? null : (observed - expected) / (1 - expected);
  return { n, accuracy: observed, cohensKappa, confusion, labels };
}

/** Agreement per dimension and pooled over all of them. */
export function agreement(pairs: readonly LabelPair[], scale: readonly string[] = []): AgreementReport {
  const byDimension = new Map<string, LabelPair[]>();
  for (const pair of pairs)
    byDimension.set(pair.dimension, [...(byDimension.get(pair.dimension) ?? []), pair]);
  return {
    overall: agreementOf(pairs, scale),
    dimensions: Object.fromEntries(
      [...byDimension].map(([dimension, list]) => [dimension, agreementOf(list, scale)]),
    ),
  };
}
