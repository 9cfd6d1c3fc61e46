import { describe, expect, it } from "vitest";
import { createJobRunner } from "./job-runner.js";

interface Job {
  id: string;
  state: "queued" | "running" | "done" | "stopped";
}

/** A runner whose jobs wait for `release` (or an abort) and record the order they ran in. */
function runnerWithGates(keep?: number) {
  const order: string[] = [];
  const gates = new Map<string, () => void>();
  const runner = createJobRunner<Job>({
    isTerminal: (j) => j.state === "done" || j.state === "stopped",
    ...(keep !== undefined ? { keep } : {}),
    run: async (job, signal) => {
      order.push(job.id);
      runner.publish({ ...job, state: "running" });
      await new Promise<void>((resolve) => {
        gates.set(job.id, resolve);
        signal.addEventListener("abort", () => resolve(), { once: true });
      });
      runner.publish({ ...job, state: signal.aborted ? "stopped" : "done" });
    },
  });
  const release = async (id: string) => {
    while (!gates.has(id)) await new Promise((r) => setTimeout(r, 5));
    gates.get(id)!();
  };
  return { runner, order, release };
}

describe("job runner", () => {
  it("runs jobs one at a time in arrival order, tells subscribers, and stops a queued or running job", async () => {
    const { runner, order, release } = runnerWithGates();
    const seen: string[] = [];
    runner.subscribe("b", (j) => seen.push(j.state));
    for (const id of ["a", "b", "c", "d"]) runner.enqueue({ id, state: "queued" });
    expect(runner.counts()).toEqual({ queued: 3, running: 1 });
    expect(await runner.stop("c")).toBe("queued");
    await release("a");
    await release("b");
    while (!order.includes("d")) await new Promise((r) => setTimeout(r, 5));
    expect(await runner.stop("d")).toBe("running");
    expect(order).toEqual(["a", "b", "d"]);
    expect(seen).toEqual(["queued", "running", "done"]);
    expect(runner.get("d")?.state).toBe("stopped");
    expect(await runner.stop("a")).toBeUndefined();
  });

  it("forgets the oldest finished jobs beyond `keep`, and close() aborts the running one", async () => {
    const { runner, release } = runnerWithGates(1);
    for (const id of ["a", "b", "c"]) runner.enqueue({ id, state: "queued" });
    await release("a");
    await release("b");
    await new Promise((r) => setTimeout(r, 20));
    expect(runner.get("a")).toBeUndefined();
    expect(runner.get("b")?.state).toBe("done");
    await runner.close();
    expect(runner.closing).toBe(true);
    expect(runner.get("c")?.state).toBe("stopped");
  });
});
