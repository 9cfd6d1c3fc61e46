import { describe, expect, it } from "vitest";
import { extractPage } from "./extract-page.js";

const para = (topic: string, n: number): string =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>The ${topic} step ${i + 1} reads the named commits and records a new commit that reverses the changes they introduced, keeping the working tree clean and the index in step with HEAD.</p>`,
  ).join("\n");

const options = [
  "--mainline",
  "--signoff",
  "--strategy",
  "--strategy-option",
  "--rerere-autoupdate",
  "--gpg-sign",
  "--reference",
]
  .map(
    (o) =>
      `<dt class="hdlist1">${o}</dt><dd><p>The ${o} option changes how the revert is recorded: it is passed to the merge machinery and to the commit that follows, as the manual of git-merge describes.</p></dd>`,
  )
  .join("\n");

/** An AsciiDoc manual page: NAME in the header, every other section a sibling div.sect1. */
const asciidoc = `<!DOCTYPE html><html><head><meta name="generator" content="AsciiDoc 10.2.0">
<title>git-revert(1)</title></head><body class="manpage">
<div id="header"><h1>git-revert(1) Manual Page</h1><h2>NAME</h2>
<div class="sectionbody"><p>git-revert - Revert some existing commits</p></div></div>
<div id="content">
<div class="sect1"><h2 id="_synopsis">SYNOPSIS</h2><div class="sectionbody"><div class="verseblock">
<pre class="content"><em>git revert</em> [--[no-]edit] [-n] [-m &lt;parent-number&gt;] &lt;commit&gt;…</pre></div></div></div>
<div class="sect1"><h2 id="_description">DESCRIPTION</h2><div class="sectionbody">${para("revert", 4)}</div></div>
<div class="sect1"><h2 id="_options">OPTIONS</h2><div class="sectionbody"><div class="dlist"><dl>
<dt class="hdlist1">--edit</dt><dd><p>With this option, git revert will let you edit the commit message prior to committing the revert.</p></dd>
<dt class="hdlist1">--no-commit</dt><dd><p>Usually the command automatically creates some commits with log messages stating which commits were reverted.</p></dd>
${options}
</dl></div></div></div>
<div class="sect1"><h2 id="_examples">EXAMPLES</h2><div class="sectionbody"><div class="dlist"><dl>
<dt class="hdlist1"><code>git revert HEAD~3</code></dt><dd><p>Revert the changes specified by the fourth last commit in HEAD and create a new commit with the reverted changes.</p></dd>
</dl></div></div></div>
<div class="sect1"><h2 id="_see_also">SEE ALSO</h2><div class="sectionbody"><p><a href="git-cherry-pick.html">git-cherry-pick(1)</a> applies the changes introduced by some existing commits instead.</p></div></div>
</div>
<div id="footer"><div id="footer-text">Last updated 2023-01-01 10:00:00 UTC</div></div>
</body></html>`;

/** A Sphinx page whose options are sibling sections, one of them much longer than the others. */
const sphinx = `<!DOCTYPE html><html><head><title>Model Meta options | Manual</title></head><body>
<div id="sidebar"><ul><li><a href="/a">Models</a></li><li><a href="/b">Fields</a></li></ul></div>
<div id="docs-content"><div class="section" id="model-meta-options"><h1>Model Meta options</h1>
<p>This document explains all the possible metadata options that you can give your model in its internal class Meta.</p>
<div class="section" id="available-meta-options"><h2>Available Meta options</h2>
<div class="section" id="abstract"><h3>abstract</h3><dl class="attribute"><dt id="Options.abstract"><code>Options.abstract</code></dt><dd><p>If abstract = True, this model will be an abstract base class that other models inherit fields from.</p></dd></dl></div>
<div class="section" id="app-label"><h3>app_label</h3><dl class="attribute"><dt id="Options.app_label"><code>Options.app_label</code></dt><dd><p>If a model is defined outside of an application in INSTALLED_APPS, it must declare which app it belongs to.</p></dd></dl></div>
<div class="section" id="db-table"><h3>db_table</h3><dl class="attribute"><dt id="Options.db_table"><code>Options.db_table</code></dt><dd><p>The name of the database table to use for the model.</p></dd></dl>
<div class="section" id="table-names"><h4>Table names</h4>${para("table name", 10)}</div></div>
<div class="section" id="ordering"><h3>ordering</h3><dl class="attribute"><dt id="Options.ordering"><code>Options.ordering</code></dt><dd><p>The default ordering for the object, for use when obtaining lists of objects, as a list of field names.</p></dd></dl>
<pre class="literal-block">ordering = ["-pub_date", "author"]</pre></div>
</div></div></div>
<div class="footer"><a href="/prev">Previous</a> <a href="/next">Next</a></div>
</body></html>`;

describe("completeness guard", () => {
  it("keeps every sibling sect1 of an AsciiDoc manual page and reports the widening", () => {
    const page = extractPage(asciidoc, "https://example.test/git-revert.html");
    for (const heading of ["SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXAMPLES", "SEE ALSO"])
      expect(page.headings.map((h) => h.text)).toContain(heading);
    expect(page.markdown).toContain("git revert");
    expect(page.markdown).toContain("--no-commit");
    expect(page.removed.some((r) => r.reason.startsWith("widened:"))).toBe(true);
    // NAME sits in the page header, outside the sections: the page says so.
    expect(page.removed).toContainEqual(
      expect.objectContaining({ reason: "outside-main-content", target: '1 heading ("NAME")' }),
    );
  });

  it("keeps every option section of a Sphinx page, not only its longest subsection", () => {
    const page = extractPage(sphinx, "https://example.test/ref/models/options.html");
    for (const heading of ["abstract", "app_label", "db_table", "Table names", "ordering"])
      expect(page.headings.map((h) => h.text)).toContain(heading);
    expect(page.markdown).toContain('ordering = ["-pub_date", "author"]');
    expect(page.markdown).toContain("This document explains all the possible metadata options");
    expect(page.markdown).not.toContain("Previous");
  });

  it("leaves a single-article page as chosen", () => {
    const html = `<html><head><title>One story</title></head><body><nav><a href="/">Home</a></nav>
<article class="post"><h1>One story</h1>${para("story", 6)}</article>
<div class="related"><h2>Related</h2><ul><li><a href="/x">Another story about something</a></li></ul></div></body></html>`;
    const page = extractPage(html, "https://example.test/story");
    expect(page.removed.some((r) => r.reason.startsWith("widened:"))).toBe(false);
    expect(page.markdown).not.toContain("Another story");
  });
});
