/** A response body as loosely typed JSON, for assertions that probe arbitrary fields. */
// biome-ignore lint/suspicious/noExplicitAny: tests assert on the JSON's shape with expect()
export async function readJson(response: Response): Promise<any> {
  return response.json();
}
