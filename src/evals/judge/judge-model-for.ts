// Which model judges a suite. A model grading its own family's answers tends to prefer them
// (self-preference), so the default is a configured model of another family (provider) than the
// target's. Real providers are preferred over the simulated one; a sim-only workspace judges with
// another sim model, and the note says the judge is simulated.

/** A model the workspace can call (`configuredModels()` of src/models gives these). */
export interface JudgeCandidate {
  id: string;
  /** Tiers listing the model, so a `tier:<name>` target resolves to its first candidate. */
  tiers?: readonly string[];
}

export interface JudgeChoice {
  /** `provider:model` (or the configured `tier:<name>`). */
  model: string;
  /** Why this judge when it is not the ideal (same family, simulated, the target itself). */
  note?: string;
}

function familyOf(model: string): string {
  const colon = model.indexOf(":");
  return colon < 0 ? model : model.slice(0, colon);
}

// `sim:default@2026-06` and `sim:default` are the same model for judging purposes.
function baseModel(model: string): string {
  const at = model.indexOf("@");
  return at < 0 ? model : model.slice(0, at);
}

function resolveTarget(target: string, models: readonly JudgeCandidate[]): string {
  if (!target.startsWith("tier:")) return target;
  const tier = target.slice("tier:".length);
  return models.find((model) => model.tiers?.includes(tier))?.id ?? target;
}

/** Picks the judge model for a target; `configuredJudge` (evals.judge.model or the suite's judge) wins. */
export function judgeModelFor(
  targetModel: string,
  configuredModels: readonly (string | JudgeCandidate)[],
  configuredJudge?: string,
): JudgeChoice {
  const models = configuredModels.map((model) => (typeof model === "string" ? { id: model } : model));
  const target = resolveTarget(targetModel, models);
  const family = familyOf(target);
  if (configuredJudge) {
    const judge = resolveTarget(configuredJudge, models);
    return familyOf(judge) === family && !judge.startsWith("tier:")
      ? {
          model: configuredJudge,
          note: `the configured judge ${configuredJudge} is of the target's family (${family}); expect some self-preference`,
        }
      : { model: configuredJudge };
  }
  const others = models.filter((model) => baseModel(model.id) !== baseModel(target));
  const real = (model: JudgeCandidate) => familyOf(model.id) !== "sim";
  const otherFamily = others.find((model) => real(model) && familyOf(model.id) !== family);
  if (otherFamily) return { model: otherFamily.id };
  const sameFamily = others.find((model) => real(model));
  if (sameFamily) {
    return {
      model: sameFamily.id,
      note: `no configured model of another family than ${family}; judging with ${sameFamily.id} of the same family (expect some self-preference)`,
    };
  }
  const simulated =
    others.find((model) => familyOf(model.id) === "sim") ??
    (family === "sim" ? undefined : { id: "sim:default" });
  if (simulated) {
    return {
      model: simulated.id,
      note: `no other real model is configured; the judge is the simulated ${simulated.id}, whose verdicts follow scenario rules`,
    };
  }
  return {
    model: target,
    note: `${target} is the only configured model, so it judges its own answers; configure evals.judge.model`,
  };
}
