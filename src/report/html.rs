//! The page itself: HTML with inline styles, SVG charts and a small paging script.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::diff::word_diff;
use super::{
    CLUSTERS_SHOWN, ClusterShown, DIFF_CHARS, DUPLICATES_SHOWN, EXAMPLES_PER_RULE, Report,
};
use crate::stats::Stats;

/// Clusters per page when the script runs.
const CLUSTERS_PER_PAGE: usize = 10;

const STYLE: &str = "
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1d2329;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin:0 0 .6rem}
section{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:1rem 1.2rem;margin:1rem 0}
table{border-collapse:collapse;width:100%}td,th{padding:.25rem .5rem;text-align:left;vertical-align:top;border-bottom:1px solid #eef0f3}
th{font-weight:600;color:#4a5560}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.bar{background:#e9edf2;border-radius:3px;height:.9rem;min-width:12rem}.bar>span{display:block;height:100%;border-radius:3px;background:#3b7dd8}
.bar>span.drop{background:#d8643b}.bar>span.out{background:#3ba776}
.muted{color:#66717c;font-size:.9rem}code,pre{font:13px/1.4 ui-monospace,Menlo,Consolas,monospace}
pre{background:#f3f5f7;padding:.7rem;border-radius:6px;overflow:auto;max-height:24rem}
details{border-top:1px solid #eef0f3;padding:.4rem 0}summary{cursor:pointer}
.doc{white-space:pre-wrap;background:#f8f9fa;border-radius:6px;padding:.5rem .7rem;margin:.3rem 0 .6rem;max-height:18rem;overflow:auto}
ins{background:#c9f1d5;text-decoration:none}del{background:#f8d0c8}
.pager{margin-top:.6rem}.pager button{margin-right:.4rem}
.kpi{display:inline-block;margin:0 1.6rem .4rem 0}.kpi b{display:block;font-size:1.4rem}
";

const SCRIPT: &str = "
(function(){var list=document.getElementById('clusters');
var items=list?[].slice.call(list.querySelectorAll('details.cluster')):[];var per=PER,page=0;
var pages=Math.ceil(items.length/per);
if(pages>1){var nav=document.createElement('div');nav.className='pager';
var prev=document.createElement('button');prev.textContent='← previous';
var next=document.createElement('button');next.textContent='next →';
var label=document.createElement('span');label.className='muted';
nav.appendChild(prev);nav.appendChild(next);nav.appendChild(label);list.appendChild(nav);
var show=function(){items.forEach(function(d,i){d.hidden=Math.floor(i/per)!==page;});
label.textContent='page '+(page+1)+' of '+pages;prev.disabled=page===0;next.disabled=page===pages-1;
document.body.setAttribute('data-page',String(page+1));};
prev.onclick=function(){if(page>0){page--;show();}};next.onclick=function(){if(page<pages-1){page++;show();}};
show();}
document.body.setAttribute('data-pages',String(Math.max(pages,1)));})();
";

/// `text` with `& < > " '` escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Bytes in kB, MB or GB.
fn size(bytes: u64) -> String {
    let b = bytes as f64;
    if b < 1e6 {
        format!("{:.1} kB", b / 1e3)
    } else if b < 1e9 {
        format!("{:.1} MB", b / 1e6)
    } else {
        format!("{:.2} GB", b / 1e9)
    }
}

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// A table row with a bar `part / whole` wide.
fn bar_row(out: &mut String, label: &str, part: u64, whole: u64, class: &str) {
    let _ = write!(
        out,
        "<tr><td>{}</td><td class=n>{part}</td><td class=n>{:.1}%</td>\
         <td><div class=bar><span class=\"{class}\" style=\"width:{:.2}%\"></span></div></td></tr>",
        escape(label),
        percent(part, whole),
        percent(part, whole)
    );
}

/// The page of `report`.
pub fn render(report: &Report<'_>) -> String {
    let stats = report.stats;
    let mut out = String::with_capacity(64 << 10);
    let title = if report.command.is_empty() {
        "tamis report".to_owned()
    } else {
        format!("tamis {}", report.command)
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>\
         <meta name=viewport content=\"width=device-width,initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body><main>\
         <h1>{}</h1><p class=muted>tamis {} · {:.1} s</p>",
        escape(&title),
        escape(&title),
        env!("CARGO_PKG_VERSION"),
        stats.seconds
    );
    accounting(&mut out, stats);
    languages(&mut out, stats);
    boilerplate(&mut out, report);
    quality(&mut out, stats);
    duplicates(&mut out, report);
    settings(&mut out, report);
    let _ = writeln!(
        out,
        "</main><script>{}</script></body></html>",
        SCRIPT.replace("PER", &CLUSTERS_PER_PAGE.to_string())
    );
    out
}

fn accounting(out: &mut String, stats: &Stats) {
    let dropped = stats.dropped_total();
    let _ = write!(
        out,
        "<section id=accounting><h2>Documents</h2>\
         <div class=kpi><b>{}</b>read</div><div class=kpi><b>{}</b>written</div>\
         <div class=kpi><b>{dropped}</b>dropped</div>\
         <div class=kpi><b>{} → {}</b>text in → out</div>",
        stats.documents_in,
        stats.documents_out,
        size(stats.bytes_in),
        size(stats.bytes_out),
    );
    out.push_str(
        "<table><tr><th>documents</th><th class=n>count</th><th class=n>share</th><th></th></tr>",
    );
    bar_row(
        out,
        "written",
        stats.documents_out,
        stats.documents_in,
        "out",
    );
    for (reason, count) in &stats.dropped {
        bar_row(
            out,
            &format!("dropped: {reason}"),
            *count,
            stats.documents_in,
            "drop",
        );
    }
    let balanced = if stats.is_balanced() {
        "documents read = written + dropped"
    } else {
        "documents read ≠ written + dropped: the run did not account for every document"
    };
    let _ = write!(
        out,
        "</table><p class=muted>{balanced}{}</p></section>",
        if stats.invalid_utf8_documents > 0 {
            format!(
                "; {} documents had invalid UTF-8, repaired",
                stats.invalid_utf8_documents
            )
        } else {
            String::new()
        }
    );
}

fn languages(out: &mut String, stats: &Stats) {
    out.push_str("<section id=languages><h2>Languages of the documents written</h2>");
    if stats.languages.is_empty() {
        out.push_str("<p class=muted>No language field in the documents written.</p></section>");
        return;
    }
    let total: u64 = stats.languages.values().sum();
    let mut langs: Vec<(&String, &u64)> = stats.languages.iter().collect();
    langs.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    out.push_str("<table><tr><th>language</th><th class=n>documents</th><th class=n>share</th><th></th></tr>");
    for (lang, count) in langs {
        bar_row(out, lang, *count, total, "");
    }
    out.push_str("</table><p class=muted>ISO 639-3 codes; <code>und</code>: too short or too mixed to tell.</p></section>");
}

fn boilerplate(out: &mut String, report: &Report<'_>) {
    let stats = report.stats;
    let kinds = stats.stages.get("boilerplate_kinds");
    // Line rules, and the blocks the html stage left out of pages (`html.nav`…).
    let mut rules: BTreeMap<String, u64> =
        stats.stages.get("boilerplate").cloned().unwrap_or_default();
    if let Some(html) = stats.stages.get("html") {
        rules.extend(
            html.iter()
                .filter(|(rule, _)| rule.starts_with("html."))
                .map(|(rule, count)| (rule.clone(), *count)),
        );
    }
    out.push_str("<section id=boilerplate><h2>Boilerplate removed</h2>");
    let (Some(kinds), false) = (kinds, rules.is_empty()) else {
        out.push_str(
            "<p class=muted>No line was removed (or the stage did not run).</p></section>",
        );
        return;
    };
    let total: u64 = kinds.values().sum();
    out.push_str(
        "<table><tr><th>kind</th><th class=n>lines and blocks</th><th class=n>share</th><th></th></tr>",
    );
    for (kind, count) in sorted(kinds) {
        bar_row(out, kind, count, total, "drop");
    }
    out.push_str("</table><h3>By rule, with examples</h3><table><tr><th>rule</th><th class=n>lines</th><th>examples (document, line)</th></tr>");
    let mut examples: BTreeMap<&str, Vec<&super::RemovalExample>> = BTreeMap::new();
    for example in &report.removals {
        examples.entry(&example.rule).or_default().push(example);
    }
    for (rule, count) in sorted(&rules) {
        let _ = write!(
            out,
            "<tr><td><code>{}</code></td><td class=n>{count}</td><td>",
            escape(rule)
        );
        for example in examples.get(rule).into_iter().flatten() {
            let _ = write!(
                out,
                "<div><span class=muted>{} · {}</span> {}</div>",
                escape(&example.id),
                example.line,
                escape(&example.text)
            );
        }
        out.push_str("</td></tr>");
    }
    let _ = write!(
        out,
        "</table><p class=muted>At most {EXAMPLES_PER_RULE} examples per rule, the first met.</p></section>"
    );
}

/// The quality stage's drops, by filter and by rule, when the stage ran.
fn quality(out: &mut String, stats: &Stats) {
    let Some(counters) = stats.stages.get("quality") else {
        return;
    };
    const FILTERS: [&str; 4] = [
        "gopher_quality",
        "gopher_repetition",
        "c4_quality",
        "fineweb_quality",
    ];
    // C4's line rules count lines, not documents.
    let is_line_rule = |name: &str| name.starts_with("c4_") && !FILTERS.contains(&name);
    out.push_str("<section id=quality><h2>Quality filters</h2><table><tr><th>filter</th><th class=n>documents dropped</th><th class=n>share of those read</th><th></th></tr>");
    for filter in FILTERS {
        let count = counters.get(filter).copied().unwrap_or(0);
        bar_row(out, filter, count, stats.documents_in, "drop");
    }
    out.push_str("</table><h3>By rule</h3><table><tr><th>rule</th><th class=n>documents</th><th class=n>share</th><th></th></tr>");
    let rules: BTreeMap<String, u64> = counters
        .iter()
        .filter(|(name, _)| !FILTERS.contains(&name.as_str()) && !is_line_rule(name))
        .map(|(name, count)| (name.clone(), *count))
        .collect();
    for (rule, count) in sorted(&rules) {
        bar_row(out, rule, count, stats.documents_in, "drop");
    }
    out.push_str("</table>");
    let lines: BTreeMap<String, u64> = counters
        .iter()
        .filter(|(name, _)| is_line_rule(name))
        .map(|(name, count)| (name.clone(), *count))
        .collect();
    if !lines.is_empty() {
        let _ = write!(
            out,
            "<h3>Lines C4's rules removed</h3><table><tr><th>rule</th><th class=n>lines</th></tr>"
        );
        for (rule, count) in sorted(&lines) {
            let _ = write!(out, "<tr><td>{rule}</td><td class=n>{count}</td></tr>");
        }
        out.push_str("</table>");
    }
    out.push_str("<p class=muted>Gopher's, C4's and FineWeb's rules as datatrove defines them; the first rule a document breaks is counted. <code>--rejects</code> and <code>--explain</code> give each document's measure and limit.</p></section>");
}

/// Counters by count, largest first, then by name.
fn sorted(counters: &BTreeMap<String, u64>) -> Vec<(&str, u64)> {
    let mut list: Vec<(&str, u64)> = counters.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    list
}

fn duplicates(out: &mut String, report: &Report<'_>) {
    out.push_str("<section id=duplicates><h2>Near-duplicates</h2>");
    let Some(dedup) = &report.stats.dedup else {
        out.push_str("<p class=muted>Near-duplicate detection did not run.</p></section>");
        return;
    };
    let _ = write!(
        out,
        "<div class=kpi><b>{}</b>clusters</div><div class=kpi><b>{}</b>duplicates</div>\
         <div class=kpi><b>{}</b>exact</div><div class=kpi><b>{}</b>near</div>\
         <div class=kpi><b>{}</b>template pages kept apart</div>",
        dedup.clusters,
        dedup.duplicates,
        dedup.exact_duplicates,
        dedup.near_duplicates,
        dedup.replaced_passage_pairs
    );
    lsh_curve(out, dedup.bands, dedup.rows, dedup.threshold);
    let shown = report.clusters.len();
    let _ = write!(
        out,
        "<h3>Clusters, largest first</h3><p class=muted>{shown} of {} clusters shown (at most \
         {CLUSTERS_SHOWN}, {DUPLICATES_SHOWN} duplicates each, {DIFF_CHARS} characters of each \
         text); each duplicate's text marks the words it adds (<ins>green</ins>) and those of \
         the kept document it lacks (<del>red</del>).</p><div id=clusters>",
        report.clusters_total.max(shown as u64)
    );
    for (i, cluster) in report.clusters.iter().enumerate() {
        cluster_html(out, i, cluster);
    }
    out.push_str("</div></section>");
}

fn cluster_html(out: &mut String, i: usize, cluster: &ClusterShown) {
    let _ = write!(
        out,
        "<details class=cluster{}><summary><b>{}</b> documents · kept <code>{}</code></summary>",
        if i == 0 { " open" } else { "" },
        cluster.size,
        escape(&cluster.kept.id)
    );
    match &cluster.kept.text {
        Some(text) => {
            let _ = write!(
                out,
                "<div class=muted>kept</div><div class=\"doc kept\">{}</div>",
                escape(truncated(text))
            );
        }
        None => out.push_str("<p class=muted>The kept document's text is not in this report.</p>"),
    }
    for duplicate in &cluster.duplicates {
        let _ = write!(
            out,
            "<div class=muted>duplicate <code>{}</code> · similarity {}</div>",
            escape(&duplicate.id),
            duplicate
                .similarity
                .map_or("?".to_owned(), |s| format!("{s:.3}"))
        );
        match (&cluster.kept.text, &duplicate.text) {
            (Some(kept), Some(text)) => {
                let _ = write!(
                    out,
                    "<div class=\"doc diff\">{}</div>",
                    word_diff(kept, text)
                );
            }
            (None, Some(text)) => {
                let _ = write!(out, "<div class=doc>{}</div>", escape(truncated(text)));
            }
            _ => {}
        }
    }
    out.push_str("</details>");
}

fn truncated(text: &str) -> &str {
    match text.char_indices().nth(DIFF_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// The probability that a pair of Jaccard similarity s shares a band, 1 − (1 − s^r)^b, with the
/// threshold marked.
fn lsh_curve(out: &mut String, bands: usize, rows: usize, threshold: f64) {
    if bands == 0 || rows == 0 {
        return;
    }
    let (w, h, left, bottom) = (420.0, 220.0, 40.0, 30.0);
    let x = |s: f64| left + s * (w - left - 10.0);
    let y = |p: f64| (h - bottom) - p * (h - bottom - 10.0);
    let catch = |s: f64| 1.0 - (1.0 - s.powi(rows as i32)).powi(bands as i32);
    let points: Vec<String> = (0..=100)
        .map(|i| {
            let s = f64::from(i) / 100.0;
            format!("{:.1},{:.1}", x(s), y(catch(s)))
        })
        .collect();
    let _ = write!(
        out,
        "<h3>Which pairs become candidates</h3><svg id=lsh width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"LSH curve\" font-size=\"11\">\
         <line x1=\"{l}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" stroke=\"#889\"/>\
         <line x1=\"{l}\" y1=\"10\" x2=\"{l}\" y2=\"{b}\" stroke=\"#889\"/>\
         <polyline fill=\"none\" stroke=\"#3b7dd8\" stroke-width=\"2\" points=\"{}\"/>\
         <line x1=\"{tx:.1}\" y1=\"10\" x2=\"{tx:.1}\" y2=\"{b}\" stroke=\"#d8643b\" \
         stroke-dasharray=\"4 3\"/>\
         <text x=\"{tx:.1}\" y=\"22\" dx=\"-4\" text-anchor=\"end\" fill=\"#d8643b\">threshold {threshold}</text>\
         <text x=\"{l}\" y=\"{h2}\" text-anchor=\"middle\">0</text>\
         <text x=\"{r}\" y=\"{h2}\" text-anchor=\"end\">1</text>\
         <text x=\"{mid}\" y=\"{h2}\" text-anchor=\"middle\">Jaccard similarity</text>\
         <text x=\"4\" y=\"14\">1</text><text x=\"4\" y=\"{b}\">0</text>\
         <text x=\"4\" y=\"{ym}\">P</text></svg>\
         <p class=muted>{bands} bands × {rows} rows: a pair at the threshold becomes a candidate \
         with probability {:.3}; candidates are then compared exactly.</p>",
        points.join(" "),
        catch(threshold),
        l = left,
        b = h - bottom,
        r = w - 10.0,
        tx = x(threshold),
        h2 = h - 10.0,
        mid = (left + w) / 2.0,
        ym = (h - bottom) / 2.0,
    );
}

fn settings(out: &mut String, report: &Report<'_>) {
    out.push_str("<section id=settings><h2>Settings</h2>");
    match &report.settings {
        Some(settings) => {
            let _ = write!(out, "<pre>{}</pre>", escape(settings));
        }
        None => {
            if let Some(dedup) = &report.stats.dedup {
                let _ = write!(
                    out,
                    "<p>near-duplicates: threshold {}, {} permutations, {} {}-grams, verify {}, \
                     keep {}</p>",
                    dedup.threshold,
                    dedup.num_perm,
                    escape(&dedup.shingle),
                    dedup.ngram,
                    escape(&dedup.verify),
                    escape(&dedup.keep)
                );
            }
            out.push_str(
                "<p class=muted>The pipeline's other settings are not in the stats file.</p>",
            );
        }
    }
    out.push_str("</section>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Member, RemovalExample};

    #[test]
    fn the_page_escapes_what_documents_hold_and_shows_every_section() {
        let mut stats = Stats {
            documents_in: 10,
            documents_out: 7,
            ..Stats::default()
        };
        stats.dropped.insert("duplicate".into(), 2);
        stats.dropped.insert("too_short".into(), 1);
        stats.languages.insert("fra".into(), 5);
        stats.languages.insert("und".into(), 2);
        stats.count_stage("boilerplate", "share", 4);
        stats.count_stage("boilerplate_kinds", "share", 4);
        stats.count_stage("quality", "gopher_quality", 1);
        stats.count_stage("quality", "gopher_short_doc", 1);
        stats.count_stage("quality", "c4_no_terminal_punct", 7);
        stats.dedup = Some(crate::dedup::DedupSummary {
            threshold: 0.8,
            bands: 16,
            rows: 8,
            clusters: 1,
            duplicates: 1,
            ..Default::default()
        });
        let report = Report {
            command: "clean".into(),
            stats: &stats,
            settings: Some("[[stages]]\ntype = \"dedup\"".into()),
            removals: vec![RemovalExample {
                id: "doc<1>".into(),
                line: 3,
                text: "Partager <script>alert(1)</script>".into(),
                rule: "share".into(),
                kind: "share".into(),
            }],
            clusters: vec![ClusterShown {
                size: 2,
                kept: Member {
                    id: "a".into(),
                    similarity: None,
                    text: Some("Le conseil a voté le budget".into()),
                },
                duplicates: vec![Member {
                    id: "b".into(),
                    similarity: Some(0.91),
                    text: Some("Le conseil a adopté le budget".into()),
                }],
            }],
            clusters_total: 1,
        };
        let page = render(&report);
        for id in [
            "accounting",
            "languages",
            "boilerplate",
            "quality",
            "duplicates",
            "settings",
        ] {
            assert!(page.contains(&format!("<section id={id}>")), "{id}");
        }
        assert!(page.contains(">gopher_short_doc<"));
        assert!(page.contains("<td>c4_no_terminal_punct</td><td class=n>7</td>"));
        assert!(
            !page.contains("<script>alert"),
            "document text must be escaped"
        );
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("doc&lt;1&gt;"));
        assert!(page.contains("<del>voté</del><ins>adopté</ins>"));
        assert!(page.contains("dropped: too_short"));
        assert!(page.contains(">fra<") && page.contains(">und<"));
        // Offline: nothing is fetched.
        assert!(!page.contains("src=\"http") && !page.contains("href=\"http"));
        assert!(!page.contains("<link"));
    }

    #[test]
    fn blocks_left_out_of_pages_are_listed_with_the_line_rules() {
        let mut stats = Stats::default();
        stats.count_stage("html", "pages", 3);
        stats.count_stage("html", "html.nav", 7);
        stats.count_stage("boilerplate_kinds", "navigation", 7);
        let report = Report {
            command: "clean".into(),
            stats: &stats,
            settings: None,
            removals: vec![RemovalExample {
                id: "fr-crue".into(),
                line: 4,
                text: "Accueil".into(),
                rule: "html.nav".into(),
                kind: "navigation".into(),
            }],
            clusters: Vec::new(),
            clusters_total: 0,
        };
        let page = render(&report);
        assert!(
            page.contains("<code>html.nav</code></td><td class=n>7</td>"),
            "{page}"
        );
        assert!(page.contains("fr-crue · 4</span> Accueil"));
        assert!(!page.contains("<code>pages</code>"));
    }

    #[test]
    fn the_lsh_curve_marks_the_threshold() {
        let mut out = String::new();
        lsh_curve(&mut out, 16, 8, 0.8);
        assert!(out.contains("threshold 0.8"));
        assert!(out.contains("probability 0.947"), "{out}");
    }
}
