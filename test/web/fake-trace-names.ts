// Names and amounts of the sample traces that the tests look for.

/** Names the tests look for. */
export const sampleNames = {
  orchestratorRoot: "invoke_agent support-triage",
  orchestratorSession: "sess_refund_2041",
  subagents: ["order-lookup", "refund-policy", "reply-writer"],
  errorRoot: "invoke_agent billing-assistant",
  errorMessage: "tool charge_card failed: card processor did not answer within 30 s",
  errorSession: "sess_billing_1177",
  planChatModel: "claude-sonnet-4-5",
  planChatCostMicros: 8_724,
  reindexRoot: "invoke_workflow nightly-reindex",
  backfillRoot: "invoke_workflow backfill-embeddings",
  oldSession: "sess_refund_1988",
} as const;
