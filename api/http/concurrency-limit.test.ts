import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { concurrencyLimit } from "./concurrency-limit.js";

describe("concurrencyLimit", () => {
  it("runs at most `limit` handlers at once and serves the rest in arrival order", async () => {
    const app = new Hono();
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    app.use(concurrencyLimit(2));
    app.get("/:n", async (c) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 10));
      order.push(Number(c.req.param("n")));
      running -= 1;
      return c.text("ok");
    });
    const res = await Promise.all([0, 1, 2, 3, 4, 5].map((n) => app.request(`/${n}`)));
    expect(res.every((r) => r.status === 200)).toBe(true);
    expect(peak).toBe(2);
    expect(order.slice(2)).toEqual([2, 3, 4, 5]);
  });

  it("frees its slot when a handler throws", async () => {
    const app = new Hono();
    app.use(concurrencyLimit(1));
    app.get("/boom", () => {
      throw new Error("boom");
    });
    app.get("/ok", (c) => c.text("ok"));
    expect((await app.request("/boom")).status).toBe(500);
    expect((await app.request("/ok")).status).toBe(200);
  });
});
