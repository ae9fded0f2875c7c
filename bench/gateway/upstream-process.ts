// Child process of gateway.bench.ts: the fake OpenAI upstream every target calls. Prints
// `upstream <baseURL>` once listening; exits when its parent closes stdin.
import { startFakeOpenAIServer } from "../../test/support/fake-upstreams/index.js";

const responseDelayMs = Number(process.argv[2] ?? 20);
const upstream = await startFakeOpenAIServer({
  record: false,
  responseDelayMs,
  defaultReply: {
    kind: "text",
    text: "Your order 1234 shipped yesterday and arrives on Friday.",
    usage: { inputTokens: 24, outputTokens: 12 },
  },
});
console.log(`upstream ${upstream.baseURL}`);
process.stdin.resume();
process.stdin.on("end", () => {
  void upstream.close().then(() => process.exit(0));
});
