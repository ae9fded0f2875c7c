import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PreparingClient, preparedStatementMarker } from "../../src/store/postgres-prepared-client.js";
import { postgresUrl, probePostgres } from "./backends.js";

const problem = await probePostgres();

describe.skipIf(problem !== null)("PreparingClient (Postgres)", () => {
  const client = new PreparingClient({ connectionString: postgresUrl });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  const preparedTexts = async () =>
    (await client.query("select statement from pg_prepared_statements")).rows.map(
      (row) => row.statement as string,
    );

  it("prepares marked statements once per connection and passes everything else on unchanged", async () => {
    const marked = `${preparedStatementMarker} select $1::integer + 1 as answer`;
    expect((await client.query(marked, [41])).rows).toEqual([{ answer: 42 }]);
    expect((await client.query(marked, [1])).rows).toEqual([{ answer: 2 }]);
    expect((await client.query("select $1::integer * 2 as answer", [21])).rows).toEqual([{ answer: 42 }]);
    const texts = await preparedTexts();
    expect(texts.filter((text) => text === marked)).toHaveLength(1);
    expect(texts.some((text) => text.includes("* 2"))).toBe(false);
  });

  it("gives different marked texts different names", async () => {
    const first = `${preparedStatementMarker} select 'first' as which`;
    const second = `${preparedStatementMarker} select 'second' as which`;
    expect((await client.query(first)).rows).toEqual([{ which: "first" }]);
    expect((await client.query(second)).rows).toEqual([{ which: "second" }]);
    const texts = await preparedTexts();
    expect(texts).toEqual(expect.arrayContaining([first, second]));
  });
});
