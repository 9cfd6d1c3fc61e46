import type { Hono } from "hono";
import { z } from "zod";
import {
  AuditJob,
  AuditJobRequest,
  AuditReport,
  AuditReportFormat,
  AuditRequest,
} from "../../../schemas/audit.js";
import { createAuditJobs } from "../../ops/audit-jobs.js";
import { auditOptionsFrom } from "../../ops/audit-site.js";
import { presentAudit } from "../../ops/present.js";
import { assertAllowed } from "../../ops/url-guard.js";
import { addRoute, type RouteRegistry } from "../api-route.js";
import type { ApiDeps } from "./api-deps.js";

const ReportQuery = z.object({
  format: AuditReportFormat.default("json").describe("json (AuditReport), md, or html (self-contained)"),
});

/**
 * AIO readiness audits (admin): start a job, poll it, fetch its report as JSON, markdown or one
 * self-contained HTML file. Every request an audit makes — pages, robots.txt, sitemaps, llms.txt
 * links and Chromium's — passes the egress guard; the start URL is checked before the job is accepted.
 *
 * @example registerAuditRoutes(app, registry, deps);
 */
export function registerAuditRoutes(app: Hono, registry: RouteRegistry, deps: ApiDeps): void {
  const { config } = deps.index;
  const audits = createAuditJobs({
    ...auditOptionsFrom(config),
    egress: deps.egress,
  });
  addRoute(
    app,
    registry,
    {
      method: "post",
      path: "/v1/audit",
      summary: "Start an AI readiness audit",
      description:
        "Queues an audit of the site at url: samples up to maxPages pages (default 50) and scores AI crawler access, llms.txt, sitemap, JavaScript, token weight and structure. Poll /v1/audit/{id}; the report is at /v1/audit/{id}/report.",
      access: "admin",
      body: AuditRequest,
      responses: { 202: { description: "The job, queued", schema: AuditJob } },
    },
    async (c, { body }) => {
      await assertAllowed(deps.egress, body.url);
      const job = audits.start(body);
      c.header("location", `/v1/audit/${job.id}`);
      return c.json(job, 202);
    },
  );
  addRoute(
    app,
    registry,
    {
      method: "get",
      path: "/v1/audit/{id}",
      summary: "An audit job's state, progress and score",
      access: "admin",
      params: AuditJobRequest,
      responses: { 200: { description: "The job", schema: AuditJob }, 404: { description: "Unknown job" } },
    },
    async (c, { params }) => c.json(audits.get(params.id)),
  );
  addRoute(
    app,
    registry,
    {
      method: "get",
      path: "/v1/audit/{id}/report",
      summary: "A finished audit's report",
      access: "admin",
      params: AuditJobRequest,
      query: ReportQuery,
      responses: {
        200: { description: "The report", schema: AuditReport },
        404: { description: "Unknown job, or not finished" },
      },
    },
    async (c, { params, query }) => {
      const report = audits.report(params.id);
      if (query.format === "json") return c.json(report);
      const view = presentAudit(report, query.format);
      return c.body(view.text, 200, { "content-type": view.contentType });
    },
  );
}
