/** `make bench`: every benchmark, figures printed side by side with their baselines. */
import "../api/runtime-env.js";
import { benchCrawlSearch } from "./crawl-search.js";
import { benchEmbed } from "./embed.js";
import { printTable } from "./stats.js";

printTable("bundled embedder (USE-lite, 512-d), sample-site chunks x3", await benchEmbed());
const { crawl, search } = await benchCrawlSearch();
printTable("crawl of the sample docs site (HTTP, 4 concurrent requests)", crawl);
printTable("GET /v1/search over loopback, 200 queries each", search);
process.exit(0);
