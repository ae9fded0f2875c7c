// Loopback provider servers for tests and benchmarks; see README.md for the script API.
export { startFakeAnthropicServer } from "./fake-anthropic-server.js";
export { startFakeOpenAIServer } from "./fake-openai-server.js";
export type {
  CutAfterFault,
  ErrorFault,
  EventsReply,
  FakeFault,
  FakeReply,
  FakeScript,
  FakeStep,
  FixtureReply,
  HangFault,
  JsonReply,
  MalformedFault,
  RecordedRequest,
  TextReply,
} from "./fake-upstream-script.js";
export type { FakeUpstream, FakeUpstreamOptions } from "./fake-upstream-server.js";
export { loadWireFixture, type WireFixture } from "./fixture-library.js";
export { readStreamParts, type StreamOutcome } from "./read-stream-parts.js";
