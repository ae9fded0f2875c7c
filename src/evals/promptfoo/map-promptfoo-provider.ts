// promptfoo provider ids → Gantry model ids. `openai:<model>` and `openai:chat:<model>` are
// `openai:<model>`; `anthropic:messages:<model>` is `anthropic:<model>`; `ollama:chat:<model>` is `ollama:<model>`; anything else is kept as it
// is (the CLI's --model replaces it when the provider has no Gantry equivalent).

export function mapPromptfooProvider(id: string): string {
  const openaiChat = /^openai:chat:(.+)$/.exec(id);
  if (openaiChat) return `openai:${openaiChat[1]}`;
  const anthropic = /^anthropic:(?:messages|chat):(.+)$/.exec(id);
  if (anthropic) return `anthropic:${anthropic[1]}`;
  const ollama = /^ollama:(?:chat|completion):(.+)$/.exec(id);
  if (ollama) return `ollama:${ollama[1]}`;
  return id;
}
