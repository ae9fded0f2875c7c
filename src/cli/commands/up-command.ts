import type { Command } from "commander";
import pc from "picocolors";
import { startServer } from "../../server/index.js";
import { type GlobalOptions, openWorkspaceStore } from "../cli-context.js";
import { sendDemoEval, sendDemoPrompts, sendDemoRuns, sendDemoTraffic } from "../demo-traffic.js";
import { parsePort } from "../parse-options.js";

/** `gantry up`: the control plane (API, gateway, dashboard) on the workspace's store. */
export function registerUpCommand(program: Command): void {
  program
    .command("up")
    .description("start the control plane: HTTP API, gateway and dashboard")
    .option("-p, --port <port>", "port to listen on (default: config server.port, 4680)", parsePort)
    .option("-H, --host <host>", "address to bind (default: config server.host, 127.0.0.1)")
    .option(
      "--demo-traffic",
      "on a store without traces, send a few calls through the gateway so the dashboard has traces (sim tiers only)",
    )
    .action(async (options: { port?: number; host?: string; demoTraffic?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { workspace, store } = await openWorkspaceStore(globals);
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        server = await startServer({ workspace, store, host: options.host, port: options.port });
      } catch (error) {
        await store.close();
        throw error;
      }
      console.log(`${pc.bold("gantry")} ${pc.dim(`workspace ${workspace.config.name} (${workspace.root})`)}`);
      console.log(`  store      ${store.kind} ${pc.dim(store.location)}`);
      console.log(`  dashboard  ${pc.cyan(`${server.url}/`)}`);
      console.log(`  api        ${server.url}/api/v1/info`);
      console.log(`  gateway    ${server.url}/v1 ${pc.dim("(OpenAI-compatible: chat/completions, models)")}`);
      console.log(pc.dim("  press Ctrl-C to stop"));
      // The demo runs in the background: Ctrl-C must work while it is still going.
      const demo = new AbortController();
      const demoDone = options.demoTraffic
        ? (async () => {
            const sent = await sendDemoTraffic(server.url, store, demo.signal).catch(() => 0);
            if (sent > 0)
              console.log(pc.dim(`  sent ${sent} demo calls through the gateway: see ${server.url}/traces`));
            const prompts = await sendDemoPrompts(server.url, workspace.root, store, demo.signal).catch(
              () => 0,
            );
            if (prompts > 0)
              console.log(pc.dim(`  released ${prompts} example prompts: see ${server.url}/prompts`));
            const runs = await sendDemoRuns(
              server.url,
              store,
              workspace.config.models.default,
              demo.signal,
            ).catch(() => 0);
            if (runs > 0) console.log(pc.dim(`  ran ${runs} demo agent runs: see ${server.url}/runs`));
            const evalRun = await sendDemoEval(server.url, store, demo.signal).catch(() => undefined);
            if (evalRun !== undefined)
              console.log(
                pc.dim(`  started an eval run of the triage suite: see ${server.url}/evals/runs/${evalRun}`),
              );
          })()
        : Promise.resolve();

      await new Promise<void>((resolve) => {
        let stoppingSince: number | undefined;
        const stop = (signal: string) => {
          // npm forwards the terminal's Ctrl-C too, so one keypress can arrive twice: only a second
          // signal well after the first means "stop waiting".
          if (stoppingSince !== undefined) {
            if (Date.now() - stoppingSince < 2000) return;
            console.log(pc.yellow(`\n${signal} again: exiting now`));
            process.exit(130);
          }
          stoppingSince = Date.now();
          console.log(pc.dim(`\n${signal}: stopping (waiting for open requests)…`));
          demo.abort();
          demoDone
            .then(() => server.close())
            .then(() => store.close())
            .then(() => {
              console.log(pc.dim("stopped"));
              resolve();
            });
        };
        process.on("SIGINT", () => stop("SIGINT"));
        process.on("SIGTERM", () => stop("SIGTERM"));
      });
    });
}
