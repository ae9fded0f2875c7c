import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EditLedger, totalChangedLines } from "./edit-ledger.js";

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), "gantry-ledger-"));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe("EditLedger", () => {
  it("persists every change, so a new ledger (a resumed run) keeps counting", async () => {
    const first = new EditLedger(directory);
    await first.update("run-1", (record) => {
      record.files["src/a.ts"] = { baseline: "old\n", changedLines: 40 };
    });
    expect(
      JSON.parse(readFileSync(join(directory, "run-1.json"), "utf8")).files["src/a.ts"].changedLines,
    ).toBe(40);
    const resumed = new EditLedger(directory);
    expect(totalChangedLines(await resumed.read("run-1"))).toBe(40);
    expect((await resumed.read("run-2")).files).toEqual({});
  });

  it("serialises changes of one run, so concurrent writes cannot both pass a limit", async () => {
    const ledger = new EditLedger(directory);
    const limit = 100;
    const attempt = (lines: number) =>
      ledger.update("run-1", async (record) => {
        const total = totalChangedLines(record);
        // Yield inside the change: without the queue both would read 0 and both pass.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (total + lines > limit) return "refused";
        record.files[`f${lines}`] = { baseline: null, changedLines: lines };
        return "written";
      });
    const outcomes = await Promise.all([attempt(60), attempt(70)]);
    expect(outcomes).toEqual(["written", "refused"]);
  });

  it("keeps the record unchanged when the change throws, and restores it when the commit fails", async () => {
    const ledger = new EditLedger(directory);
    await expect(
      ledger.update("run-1", (record) => {
        record.seq = 9;
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect((await ledger.read("run-1")).seq).toBe(0);
    await expect(
      ledger.update(
        "run-1",
        (record) => {
          record.seq = 5;
        },
        async () => {
          throw new Error("disk full");
        },
      ),
    ).rejects.toThrow("disk full");
    expect((await ledger.read("run-1")).seq).toBe(0);
    expect((await new EditLedger(directory).read("run-1")).seq).toBe(0);
  });

  it("fails closed on a ledger file edited outside Gantry", async () => {
    writeFileSync(join(directory, "run-1.json"), JSON.stringify({ version: 1, runId: "run-1" }));
    await expect(new EditLedger(directory).read("run-1")).rejects.toMatchObject({
      code: "WORKSPACE_LEDGER_FAILED",
    });
    writeFileSync(join(directory, "run-2.json"), "{");
    await expect(new EditLedger(directory).read("run-2")).rejects.toMatchObject({
      code: "WORKSPACE_LEDGER_FAILED",
    });
  });

  it("never turns a run id into a path outside its directory", async () => {
    const ledger = new EditLedger(directory);
    await ledger.update("../escape", (record) => {
      record.seq = 1;
    });
    expect(existsSync(join(directory, "___escape.json"))).toBe(true);
    expect(existsSync(join(directory, "..", "escape.json"))).toBe(false);
  });
});
