/// A report as one self-contained HTML page: inline CSS and SVG, no script, no fonts or
/// images fetched, styled to print (pictures kept whole on a page, colours kept). Verdicts
/// show their word on a coloured ground, so they read in black and white too.
public enum HTMLReport {
    public static func render(_ report: Report) -> String {
        let renderer = HTMLRenderer(claims: report.claimIDs, sources: report.sources)
        var m = Markup()
        m.trusted("<!DOCTYPE html>\n")
        m.element("html", [.init("lang", "en")]) { m in
            m.element("head") { m in
                m.empty("meta", [.init("charset", "utf-8")])
                m.empty("meta", [.init("name", "viewport"), .init("content", "width=device-width, initial-scale=1")])
                m.element("title", text: report.title)
                m.element("style") { $0.trusted(HTMLReport.style) }
            }
            m.element("body") { m in
                m.element("header") { m in
                    m.element("h1", text: report.title)
                    if let summary = report.summary { m.element("p", [.class("summary")], text: summary) }
                    m.element("p", [.class("as-of")], text: report.asOf)
                    let titled = report.sections.filter { !$0.title.isEmpty }
                    if titled.count > 1 {
                        m.element("nav") { m in
                            m.element("ol") { m in
                                for s in titled {
                                    m.element("li") { $0.element("a", [.init("href", "#" + s.id)], text: s.title) }
                                }
                            }
                        }
                    }
                }
                m.element("main") { m in
                    for s in report.sections {
                        m.element("section", [.init("id", s.id)]) { m in
                            if !s.title.isEmpty { m.element("h2", text: s.title) }
                            for item in s.items {
                                switch item {
                                case .prose(let p): m.element("p", [.class("prose")]) { renderer.linked(p, into: &$0) }
                                case .command(let c): m.element("pre", [.class("command")], text: "px> " + c)
                                case .document(let d): renderer.render(d, into: &m)
                                case .failure(let f): m.element("pre", [.class("error")], text: f)
                                }
                            }
                        }
                    }
                }
                m.element("footer") { m in
                    m.element("p", text: "Written by Parallax \(ParallaxVersion.string) from the scenario's sources; every claim links to its sources.")
                }
            }
        }
        return m.text + "\n"
    }

    static let style: StaticString = """
        :root{--ink:#1b1b1b;--muted:#5f6368;--rule:#d0d0d0;--band:#f6f6f6}
        *{box-sizing:border-box}
        body{font:15px/1.45 Georgia,"DejaVu Serif",serif;color:var(--ink);max-width:1100px;margin:0 auto;padding:24px;background:#fff}
        h1{font-size:28px;margin:0 0 8px}h2{font-size:22px;border-bottom:2px solid var(--ink);padding-bottom:4px;margin-top:36px}
        h3{font-size:17px;margin:18px 0 6px}
        .summary{font-size:16px}.as-of,.notice,.left-out,caption{color:var(--muted)}
        nav ol{columns:2;padding-left:20px}
        pre{white-space:pre-wrap;font:13px/1.4 "DejaVu Sans Mono",monospace}
        pre.command{color:var(--muted);margin:12px 0 4px}pre.error{color:#a40000}
        .table-wrap{overflow-x:auto}
        table{border-collapse:collapse;width:100%;font:13px/1.4 "DejaVu Sans",Arial,sans-serif;margin:6px 0 14px}
        caption{text-align:left;font-weight:bold;padding:4px 0}
        th,td{border-bottom:1px solid var(--rule);padding:4px 6px;vertical-align:top;text-align:left}
        th{background:var(--band)}td.num,th.num{text-align:right;white-space:nowrap}td.word{white-space:nowrap}
        td{overflow-wrap:break-word}td.word{overflow-wrap:normal}
        h1,h2,h3,p,dd,li,caption,figcaption{overflow-wrap:anywhere}
        tr.group th{background:#e8eef6;font-size:14px}
        tr.cursor td{background:#fff6d5}td.marker{width:1.5em;color:#b36b00}
        dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font:14px "DejaVu Sans",Arial,sans-serif}
        dt{font-weight:bold}dd{margin:0}
        a{color:#174ea6}a.claim-link,a.source-link{text-decoration:none;border-bottom:1px dotted}
        .verdict{display:inline-block;padding:0 6px;border-radius:3px;font-weight:bold;border:1px solid #555}
        .v-agree{background:#d4edda;color:#14532d}.v-contradict{background:#f8d0d0;color:#7f1d1d}
        .v-diverge{background:#fde7c4;color:#7a4100}.v-one-sided{background:#dde7f3;color:#173d6b}
        .v-open{background:#eeeeee;color:#333}
        figure.picture{margin:10px 0 16px;break-inside:avoid;page-break-inside:avoid}
        svg.chart{width:100%;height:auto;display:block;font-family:"DejaVu Sans",Arial,sans-serif}
        .grid{stroke:#ccc;stroke-width:.5}.zero,.axis{stroke:#555;stroke-width:1}
        .tick,.phase-name,.break-label,.count,.cursor-label,.axis-name,.legend,.claimant,.value,.edge-label,.node-label{font-size:11px;fill:#333}
        .tick.value,.claimant{text-anchor:end}.tick,.tick.date,.phase-name,.break-label,.count,.cursor-label,.axis-name{text-anchor:middle}
        .cursor-label.start{text-anchor:start}.phase-name{font-weight:bold}
        .phase-key-name{font-size:11px;fill:#333}.phase-key{stroke:#999;stroke-width:.5}
        figcaption{font:bold 13px "DejaVu Sans",Arial,sans-serif;color:var(--muted)}
        .bar.hostile{fill:#c0392b}.bar.cooperative{fill:#2e86c1}.break{fill:#fff;stroke:#999;stroke-dasharray:3 3}
        .cursor{stroke:#000;stroke-width:2;stroke-dasharray:4 2}
        .column .range{stroke:#222;stroke-width:1}.column .mean{stroke:#222;stroke-width:2}.binned{font-size:10px;fill:#555;text-anchor:end}
        .edge{fill:none;stroke-width:1.6;stroke:#777}.edge.consult{stroke:#2e86c1}.edge.mediate{stroke:#8e44ad}
        .edge.appeal{stroke:#d35400;stroke-dasharray:5 3}.edge.negotiate{stroke:#16a085}.edge.agreement{stroke:#27ae60;stroke-width:2.4}
        .arrowhead{fill:#555}.edge-label{font-size:10px;fill:#444;text-anchor:middle}.edge-label.start{text-anchor:start}
        .node circle,.node rect{stroke:#fff;stroke-width:2}.node-party{fill:#666}.node.party .node-label{font-weight:bold}
        .mark.own{fill:#2e86c1}.mark.adversary{fill:#c0392b}.mark.other{fill:#7f8c8d}
        .range{stroke-width:3}.range.own{stroke:#2e86c1}.range.adversary{stroke:#c0392b}.range.other{stroke:#7f8c8d}
        .faded{opacity:.35}.claim.faded .range{stroke-dasharray:4 3}.value{fill:#222}
        footer{margin-top:40px;color:var(--muted);font-size:13px;border-top:1px solid var(--rule)}
        @media print{body{max-width:none;padding:0;font-size:11pt}nav{display:none}
          *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
          h2{break-after:avoid;page-break-after:avoid}tr{break-inside:avoid}
          .table-wrap{overflow:visible}td{overflow-wrap:anywhere}a{color:inherit}}
        """
}

/// The same report as Markdown: the section headings, then each document as the Markdown
/// renderer writes it, pictures as their tables.
public enum MarkdownReport {
    public static func render(_ report: Report) -> String {
        var parts = ["# " + MarkdownRenderer.inline(report.title)]
        if let s = report.summary { parts.append(MarkdownRenderer.inline(s)) }
        parts.append("*" + MarkdownRenderer.inline(report.asOf) + "*")
        for s in report.sections {
            if !s.title.isEmpty { parts.append("## " + MarkdownRenderer.inline(s.title)) }
            for item in s.items {
                switch item {
                case .prose(let p): parts.append(MarkdownRenderer.inline(p))
                case .command(let c): parts.append("```\npx> " + c.sanitizedForTerminal + "\n```")
                case .document(let d):
                    // The document's own headings sit one level below the section's.
                    let text = MarkdownRenderer.render(d)
                    if !text.isEmpty { parts.append(text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                        line.hasPrefix("## ") ? "###" + line.dropFirst(2) : line.hasPrefix("### ") ? "####" + line.dropFirst(3) : line
                    }.joined(separator: "\n")) }
                case .failure(let f): parts.append("```\n" + f.sanitizedForTerminal + "\n```")
                }
            }
        }
        return parts.joined(separator: "\n\n") + "\n"
    }
}
