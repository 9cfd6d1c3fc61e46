import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "../../test/helpers/temp-dir.js";
import { openDataDir } from "./data-dir.js";
import { bootId, processStartTime } from "./process-identity.js";
import { type LockRecord, lockIsStale, type ProcessProbe } from "./writer-lock.js";

const onLinux = existsSync("/proc/self/stat");
const since = () => new Date().toISOString();

async function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.on("exit", resolve));
  return child.pid!;
}

describe("the writer lock", () => {
  const tmp = tempDir();
  let live: ChildProcess;
  let root = "";
  let n = 0;
  const lockPath = () => join(root, "writer.lock");
  const writeLock = (record: Partial<LockRecord>) => writeFileSync(lockPath(), JSON.stringify(record));
  const held = () => JSON.parse(readFileSync(lockPath(), "utf8")) as LockRecord;

  beforeAll(() => {
    live = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  });
  afterAll(() => {
    live.kill("SIGKILL");
    tmp.remove();
  });
  beforeEach(() => {
    root = join(tmp.path, `data-${n++}`);
  });

  it("records pid, start time and boot, and refuses a second writer in the same process", () => {
    const dir = openDataDir(root, { create: true });
    const release = dir.lockWriter("serve");
    const record = held();
    expect(record).toMatchObject({ pid: process.pid, owner: "serve" });
    if (onLinux) {
      expect(record.startTime).toBe(processStartTime(process.pid));
      expect(record.bootId).toBe(bootId());
    }
    expect(() => dir.lockWriter("crawl")).toThrow(/being written by serve \(pid \d+\); use the server's API/);
    release();
    expect(existsSync(lockPath())).toBe(false);
  });

  it.runIf(onLinux)(
    "takes over a lock naming this process's pid but another start (a restarted container)",
    () => {
      const dir = openDataDir(root, { create: true });
      const mine = processStartTime(process.pid)!;
      writeLock({ pid: process.pid, owner: "serve", since: since(), startTime: mine - 1, bootId: bootId() });
      const release = dir.lockWriter("serve");
      expect(held()).toMatchObject({ pid: process.pid, startTime: mine });
      release();
    },
  );

  it.runIf(onLinux)("takes over a lock written before the machine restarted", () => {
    const dir = openDataDir(root, { create: true });
    const startTime = processStartTime(live.pid!)!;
    writeLock({ pid: live.pid!, owner: "serve", since: since(), startTime, bootId: "another-boot" });
    dir.lockWriter("crawl")();
  });

  it("takes over a lock whose process is gone", async () => {
    const dir = openDataDir(root, { create: true });
    writeLock({ pid: await exitedPid(), owner: "crawl", since: since(), startTime: 1, bootId: bootId() });
    const release = dir.lockWriter("crawl");
    expect(held().pid).toBe(process.pid);
    release();
  });

  it("refuses a live writer in another process, with the clear message", () => {
    const dir = openDataDir(root, { create: true });
    const pid = live.pid!;
    writeLock({ pid, owner: "serve", since: since(), startTime: processStartTime(pid), bootId: bootId() });
    expect(() => dir.lockWriter("crawl")).toThrow(
      expect.objectContaining({
        code: "DATA_DIR_LOCKED",
        message: `${root} is being written by serve (pid ${pid}); use the server's API to crawl`,
      }),
    );
    expect(held().pid).toBe(pid);
  });

  it.runIf(onLinux)("takes over a lock whose pid now belongs to another process", () => {
    const dir = openDataDir(root, { create: true });
    const pid = live.pid!;
    writeLock({
      pid,
      owner: "serve",
      since: since(),
      startTime: processStartTime(pid)! + 1,
      bootId: bootId(),
    });
    dir.lockWriter("crawl")();
  });

  describe("old-format locks (pid, owner, since only)", () => {
    it("refuses one naming a live other process", () => {
      const dir = openDataDir(root, { create: true });
      writeLock({ pid: live.pid!, owner: "crawl", since: since() });
      expect(() => dir.lockWriter("crawl")).toThrow(/wait for it to finish or use another --data dir/);
    });

    it("takes over one naming a dead process", async () => {
      const dir = openDataDir(root, { create: true });
      writeLock({ pid: await exitedPid(), owner: "crawl", since: since() });
      dir.lockWriter("crawl")();
    });

    it("takes over one naming this process's pid, which never wrote it", () => {
      const dir = openDataDir(root, { create: true });
      writeLock({ pid: process.pid, owner: "serve", since: "2020-01-01T00:00:00.000Z" });
      dir.lockWriter("serve")();
    });

    it("takes over an unreadable one", () => {
      const dir = openDataDir(root, { create: true });
      writeFileSync(lockPath(), "{not json");
      dir.lockWriter("crawl")();
    });
  });

  it("releases only its own lock, not one another process took over since", () => {
    const dir = openDataDir(root, { create: true });
    const release = dir.lockWriter("crawl");
    writeLock({ pid: live.pid!, owner: "serve", since: since() });
    release();
    expect(held().pid).toBe(live.pid);
  });
});

describe("staleness without /proc (other systems)", () => {
  const started = Date.parse("2027-01-01T10:00:00.000Z");
  const probe: ProcessProbe = {
    selfPid: 1,
    selfStartedMs: started,
    startTime: () => undefined,
    bootId: () => undefined,
    alive: (pid) => pid === 1 || pid === 7,
  };

  it("judges this process's pid by when the lock was written", () => {
    expect(lockIsStale({ pid: 1, owner: "serve", since: "2027-01-01T09:59:00.000Z" }, probe)).toMatch(
      /before this process/,
    );
    expect(lockIsStale({ pid: 1, owner: "serve", since: "2027-01-01T10:00:01.000Z" }, probe)).toBeUndefined();
  });

  it("falls back to the pid alone for other processes", () => {
    expect(lockIsStale({ pid: 7, owner: "serve", since: "", startTime: 5 }, probe)).toBeUndefined();
    expect(lockIsStale({ pid: 8, owner: "serve", since: "" }, probe)).toMatch(/gone/);
  });
});
