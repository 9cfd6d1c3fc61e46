/**
 * Who a process is beyond its pid. Pids are reused: a container's service is pid 1 after every
 * restart, so "a process with this pid is alive" does not mean "the process that wrote this is".
 * Linux tells a process's start (in clock ticks since boot) and the boot itself apart; elsewhere
 * both are unknown and callers fall back to the pid alone.
 */
import { readFileSync } from "node:fs";

/** The start of a process as the kernel counts it, or undefined where there is no /proc. */
export function processStartTime(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // Field 2 (the command name) may hold spaces and parentheses: count fields after its last ')'.
  // What follows is field 3 onwards, so starttime (field 22) is the 20th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[19]);
  return Number.isSafeInteger(ticks) ? ticks : undefined;
}

/** This boot's random id (a start time means nothing across a reboot), or undefined off Linux. */
export function bootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** True while some process has this pid (one we may not signal counts as alive). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** When this process started, in epoch ms: where /proc is missing, the lock's `since` is compared with it. */
export const SELF_STARTED_MS = Date.now() - process.uptime() * 1000;
