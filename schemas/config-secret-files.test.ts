import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../test/helpers/temp-dir.js";
import { configFromEnv, resolveConfig } from "./config.js";

const ADMIN = "admin-key-0123456789abcdef";
const READ = "read-key-0123456789abcdef";

describe("secrets from files (<VARIABLE>_FILE)", () => {
  const tmp = tempDir("agentweb-secrets-");
  afterAll(() => tmp.remove());
  const secret = (name: string, text: string) => {
    const path = join(tmp.path, name);
    writeFileSync(path, text);
    return path;
  };

  it("reads API keys one per line (or comma-separated) and the embedder key, trimmed", () => {
    const env = configFromEnv({
      AGENTWEB_API_KEYS_FILE: secret("keys", `${ADMIN}:admin\n${READ}\n`),
      AGENTWEB_EMBEDDER_API_KEY_FILE: secret("embedder", "sk-from-a-file\n"),
    });
    const config = resolveConfig({ env });
    expect(config.apiKeys).toEqual([
      { key: ADMIN, scope: "admin" },
      { key: READ, scope: "read" },
    ]);
    expect(config.embedderApiKey).toBe("sk-from-a-file");
    const commas = configFromEnv({ AGENTWEB_API_KEYS_FILE: secret("keys2", `${ADMIN}:admin, ${READ}:read`) });
    expect(resolveConfig({ env: commas }).apiKeys).toHaveLength(2);
  });

  it("refuses a secret given both ways, a missing file and an empty one, naming the variable", () => {
    const keys = secret("both", `${ADMIN}:admin`);
    expect(() => configFromEnv({ AGENTWEB_API_KEYS: `${READ}`, AGENTWEB_API_KEYS_FILE: keys })).toThrow(
      /AGENTWEB_API_KEYS or AGENTWEB_API_KEYS_FILE, not both/,
    );
    expect(() => configFromEnv({ AGENTWEB_EMBEDDER_API_KEY_FILE: join(tmp.path, "absent") })).toThrow(
      /AGENTWEB_EMBEDDER_API_KEY_FILE: cannot read .*absent \(ENOENT\)/,
    );
    expect(() => configFromEnv({ AGENTWEB_API_KEYS_FILE: secret("empty", "\n") })).toThrow(/is empty/);
  });

  it("leaves the secrets unset when no file is named", () => {
    expect(resolveConfig({ env: configFromEnv({ AGENTWEB_API_KEYS_FILE: "" }) }).apiKeys).toEqual([]);
  });
});

describe("read-only replicas' options", () => {
  it("default to a writer that sees others' commits within a second, and read the environment", () => {
    expect(resolveConfig({})).toMatchObject({ readOnly: false, readConsistencySec: 1 });
    const env = configFromEnv({ AGENTWEB_READ_ONLY: "true", AGENTWEB_READ_CONSISTENCY_SEC: "3" });
    expect(resolveConfig({ env })).toMatchObject({ readOnly: true, readConsistencySec: 3 });
  });
});
