/** Upper bounds (seconds) of the latency histogram's buckets. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Counters a metrics page reads from elsewhere (crawl jobs), sampled when scraped. */
export type MetricSource = () => Record<string, number>;

/**
 * In-process metrics rendered as Prometheus text: requests by method, route and status, latency
 * per route as a histogram, plus gauges and counters sampled from other parts (crawl jobs). Routes
 * are Hono's route patterns, never raw paths, so label cardinality stays bounded.
 *
 * @example
 * const metrics = createMetrics();
 * metrics.observe("GET", "/v1/search", 200, 0.012);
 * metrics.render({ crawl: () => jobs.stats() });
 */
export function createMetrics() {
  const requests = new Map<string, number>();
  const latency = new Map<string, { buckets: number[]; sum: number; count: number }>();
  const started = Date.now();
  return {
    observe(method: string, route: string, status: number, seconds: number): void {
      const key = `method="${method}",route="${escapeLabel(route)}",status="${status}"`;
      requests.set(key, (requests.get(key) ?? 0) + 1);
      const h = latency.get(route) ?? { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
      BUCKETS.forEach((le, i) => {
        if (seconds <= le) h.buckets[i]! += 1;
      });
      h.sum += seconds;
      h.count += 1;
      latency.set(route, h);
    },
    render(sources: Record<string, MetricSource> = {}): string {
      const out: string[] = [];
      out.push("# HELP agentweb_http_requests_total HTTP requests by method, route and status.");
      out.push("# TYPE agentweb_http_requests_total counter");
      for (const [labels, n] of requests) out.push(`agentweb_http_requests_total{${labels}} ${n}`);
      out.push("# HELP agentweb_http_request_duration_seconds HTTP request latency by route.");
      out.push("# TYPE agentweb_http_request_duration_seconds histogram");
      for (const [route, h] of latency) {
        const r = `route="${escapeLabel(route)}"`;
        BUCKETS.forEach((le, i) => {
          out.push(`agentweb_http_request_duration_seconds_bucket{${r},le="${le}"} ${h.buckets[i]}`);
        });
        out.push(`agentweb_http_request_duration_seconds_bucket{${r},le="+Inf"} ${h.count}`);
        out.push(`agentweb_http_request_duration_seconds_sum{${r}} ${h.sum.toFixed(6)}`);
        out.push(`agentweb_http_request_duration_seconds_count{${r}} ${h.count}`);
      }
      for (const [prefix, source] of Object.entries(sources)) {
        for (const [name, value] of Object.entries(source())) {
          const metric = `agentweb_${prefix}_${name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)}`;
          out.push(`# TYPE ${metric} gauge`, `${metric} ${value}`);
        }
      }
      out.push(
        "# TYPE agentweb_uptime_seconds gauge",
        `agentweb_uptime_seconds ${((Date.now() - started) / 1000).toFixed(0)}`,
      );
      out.push(
        `# TYPE agentweb_process_resident_memory_bytes gauge`,
        `agentweb_process_resident_memory_bytes ${process.memoryUsage.rss()}`,
      );
      return `${out.join("\n")}\n`;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
