/**
 * The one-writer lock of a data dir: a file naming the writing process by pid, start time and boot,
 * so that a lock left by a dead process is taken over even when a new process got the same pid
 * (a restarted container's pid 1), while a live writer is still refused.
 */
import { linkSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { AgentwebError } from "../../schemas/errors.js";
import { bootId, pidAlive, processStartTime, SELF_STARTED_MS } from "./process-identity.js";

/** What `writer.lock` holds. Locks written before start times were recorded have only pid, owner, since. */
export interface LockRecord {
  pid: number;
  owner: string;
  since: string;
  /** /proc/<pid>/stat starttime (clock ticks since boot), where known. */
  startTime?: number;
  /** /proc/sys/kernel/random/boot_id, where known. */
  bootId?: string;
}

/** What the staleness check asks of the system; tests replace parts of it. */
export interface ProcessProbe {
  selfPid: number;
  selfStartedMs: number;
  startTime(pid: number): number | undefined;
  bootId(): string | undefined;
  alive(pid: number): boolean;
}

const SYSTEM: ProcessProbe = {
  selfPid: process.pid,
  selfStartedMs: SELF_STARTED_MS,
  startTime: processStartTime,
  bootId,
  alive: pidAlive,
};

// `since` and the process start are read from two clocks' worth of rounding: allow a second.
const CLOCK_SLACK_MS = 1000;

/**
 * Why a lock no longer belongs to a running writer, or undefined when its writer may still run.
 *
 * @example lockIsStale({ pid: 1, owner: "serve", since, startTime: 4242 }) // "written by an earlier process with pid 1"
 */
export function lockIsStale(holder: Partial<LockRecord>, probe: ProcessProbe = SYSTEM): string | undefined {
  const { pid } = holder;
  if (typeof pid !== "number" || !Number.isInteger(pid) || pid <= 0) return "it names no process";
  const boot = probe.bootId();
  if (holder.bootId && boot && holder.bootId !== boot) return "it was written before the machine restarted";
  if (pid === probe.selfPid) {
    // This process takes the lock once; a lock naming its pid was left by an earlier holder of that
    // pid, unless it records this very process's start.
    const mine = probe.startTime(pid);
    if (mine !== undefined) {
      return holder.startTime === mine ? undefined : `it was written by an earlier process with pid ${pid}`;
    }
    const since = Date.parse(holder.since ?? "");
    if (Number.isFinite(since) && since < probe.selfStartedMs - CLOCK_SLACK_MS)
      return `it was written before this process (pid ${pid}) started`;
    return undefined;
  }
  if (!probe.alive(pid)) return `process ${pid} is gone`;
  if (holder.startTime !== undefined) {
    const now = probe.startTime(pid);
    if (now !== undefined && now !== holder.startTime) return `pid ${pid} now belongs to another process`;
  }
  return undefined;
}

/**
 * Takes the lock at `lockPath` for `owner`, taking over a stale one; throws DATA_DIR_LOCKED naming
 * the live holder otherwise. Returns the release function, which removes the lock only while it is
 * still this one.
 *
 * @example const release = takeWriterLock("/data/writer.lock", "serve", "/data"); try { … } finally { release(); }
 */
export function takeWriterLock(
  lockPath: string,
  owner: string,
  root: string,
  probe: ProcessProbe = SYSTEM,
): () => void {
  const record: LockRecord = { pid: probe.selfPid, owner, since: new Date().toISOString() };
  const startTime = probe.startTime(probe.selfPid);
  const boot = probe.bootId();
  if (startTime !== undefined) record.startTime = startTime;
  if (boot) record.bootId = boot;
  const text = JSON.stringify(record);
  // Written aside and linked into place: the lock appears whole or not at all, so a reader never
  // mistakes a half-written lock for a stale one.
  const tmp = `${lockPath}.${probe.selfPid}.${Date.now()}.tmp`;
  writeFileSync(tmp, text);
  try {
    if (!tryLink(tmp, lockPath)) {
      const seen = readText(lockPath);
      const holder = parse(seen);
      if (seen !== undefined && !lockIsStale(holder, probe)) throw lockedError(root, holder as LockRecord);
      // Removed only if it is still the lock judged stale: another process may have just taken over.
      if (seen === undefined || readText(lockPath) === seen) rmSync(lockPath, { force: true });
      if (!tryLink(tmp, lockPath)) {
        const winner = parse(readText(lockPath));
        throw lockedError(root, { pid: 0, owner: "another writer", since: "", ...winner } as LockRecord);
      }
    }
  } finally {
    rmSync(tmp, { force: true });
  }
  return () => {
    if (readText(lockPath) === text) rmSync(lockPath, { force: true });
  };
}

function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // A file system without hard links: exclusive create, then write.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw err;
  }
  try {
    writeFileSync(to, readFileSync(from), { flag: "wx" });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function parse(text: string | undefined): Partial<LockRecord> {
  try {
    const value = JSON.parse(text ?? "");
    return value && typeof value === "object" ? value : {};
  } catch {
    return {};
  }
}

function lockedError(root: string, holder: LockRecord): AgentwebError {
  const advice =
    holder.owner === "serve"
      ? "use the server's API to crawl"
      : "wait for it to finish or use another --data dir";
  return new AgentwebError(
    "DATA_DIR_LOCKED",
    `${root} is being written by ${holder.owner} (pid ${holder.pid}); ${advice}`,
    { data: { ...holder } },
  );
}
