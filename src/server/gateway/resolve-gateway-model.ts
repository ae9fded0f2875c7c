/**
 * The model id Gantry routes for a request's `model`. `provider:model` and `tier:<name>` pass through;
 * a bare name is a tier when the workspace has a tier of that name (`small` → `tier:small`), and
 * otherwise an OpenAI model (`gpt-4o-mini` → `openai:gpt-4o-mini`), so a client written for OpenAI
 * works unchanged once its base URL points here.
 */
export function resolveGatewayModel(requested: string, tiers: Readonly<Record<string, unknown>>): string {
  if (requested.includes(":")) return requested;
  if (Object.hasOwn(tiers, requested)) return `tier:${requested}`;
  return `openai:${requested}`;
}
