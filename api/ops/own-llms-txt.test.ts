import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../schemas/config.js";
import { type ServedSite, serveSite } from "../../test/helpers/serve-site.js";
import { tempDir } from "../../test/helpers/temp-dir.js";
import { findOwnLlmsTxt } from "./own-llms-txt.js";

describe("findOwnLlmsTxt", () => {
  const tmp = tempDir();
  let site: ServedSite;
  const config = resolveConfig({ flags: { requestTimeoutMs: 5000 } });

  beforeAll(async () => {
    writeFileSync(
      join(tmp.path, "llms.txt"),
      "# Widgets\n\n> Widgets.\n\n## Docs\n\n- [Intro](https://widgets.dev/intro.md)\n",
    );
    writeFileSync(join(tmp.path, "index.html"), "<html><body><p>Home</p></body></html>");
    site = await serveSite(tmp.path);
  });
  afterAll(async () => {
    await site?.close();
    tmp.remove();
  });

  it("finds the file at the origin when the start URL's directory has none", async () => {
    const own = await findOwnLlmsTxt(`${site.url}/docs/start.html`, config);
    expect(own?.url).toBe(`${site.url}/llms.txt`);
    expect(own?.doc.sections[0]?.links.map((l) => l.title)).toEqual(["Intro"]);
  });

  it("finds none on a site without one, or out of reach", async () => {
    const empty = tempDir();
    writeFileSync(join(empty.path, "index.html"), "<html><body><p>Home</p></body></html>");
    const bare = await serveSite(empty.path);
    try {
      expect(await findOwnLlmsTxt(`${bare.url}/`, config)).toBeUndefined();
    } finally {
      await bare.close();
      empty.remove();
    }
    expect(await findOwnLlmsTxt(`${bare.url}/`, config)).toBeUndefined();
  });
});
