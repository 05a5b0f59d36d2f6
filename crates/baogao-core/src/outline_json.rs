//! The outline as output: the JSON contract of `baogao outline --format json`, and the text tree.

use crate::report::Report;
use serde::Serialize;

/// One report's outline, exactly the shape other tools read.
#[derive(Debug, Serialize)]
pub struct OutlineDoc {
    pub path: String,
    pub title: Option<String>,
    pub place: Option<String>,
    /// `national`, `province`, `city`, `county` or `township`; `null` when unsure.
    pub level: Option<crate::meta::Level>,
    pub year: Option<i32>,
    pub kind: Option<String>,
    pub encoding: String,
    pub sections: Vec<OutlineSection>,
}

#[derive(Debug, Serialize)]
pub struct OutlineSection {
    pub level: usize,
    pub label: Option<String>,
    pub title: String,
    pub paragraphs: usize,
    pub children: Vec<OutlineSection>,
}

fn section(r: &Report, i: usize) -> OutlineSection {
    let s = &r.sections[i];
    OutlineSection {
        level: s.level.into(),
        label: s.label.as_deref().map(String::from),
        title: s.title.to_string(),
        paragraphs: r.direct_paragraphs(i),
        children: s.children().map(|c| section(r, c)).collect(),
    }
}

impl OutlineDoc {
    pub fn new(r: &Report) -> OutlineDoc {
        OutlineDoc {
            path: r.source.clone(),
            title: r.meta.title.clone(),
            place: r.meta.place.clone(),
            level: r.meta.level,
            year: r.meta.year,
            kind: r.meta.kind.clone(),
            encoding: r.encoding.clone(),
            sections: r.roots().map(|i| section(r, i)).collect(),
        }
    }
}

/// An indented tree like `tree`, with paragraph counts.
pub fn text_tree(r: &Report) -> String {
    let mut out = String::new();
    let meta: Vec<String> = [
        r.meta.kind.clone(),
        r.meta.place.clone(),
        r.meta.year.map(|y| y.to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    // A file name may hold a line break or a tab: shown, so it cannot forge a line.
    out.push_str(&crate::sanitize::visible(&r.source));
    if let Some(t) = &r.meta.title {
        out.push_str(&format!("  {t}"));
    }
    if !meta.is_empty() {
        out.push_str(&format!("  [{}]", meta.join(" · ")));
    }
    let root_paras = r
        .paragraphs
        .iter()
        .filter(|p| p.section().is_none())
        .count();
    let n = r.paragraphs.len();
    let plural = if n == 1 { "" } else { "s" };
    out.push_str(&format!(
        "  ({n} paragraph{plural}, {root_paras} in front matter)\n"
    ));
    let roots: Vec<usize> = r.roots().collect();
    for (n, &i) in roots.iter().enumerate() {
        tree_lines(r, i, "", n + 1 == roots.len(), &mut out);
    }
    out
}

fn tree_lines(r: &Report, i: usize, prefix: &str, last: bool, out: &mut String) {
    let s = &r.sections[i];
    let branch = if last { "└── " } else { "├── " };
    out.push_str(&format!(
        "{prefix}{branch}{}  ({})\n",
        crate::marker::heading_text(s.label.as_deref().unwrap_or(""), &s.title),
        r.direct_paragraphs(i)
    ));
    let child_prefix = format!("{prefix}{}", if last { "    " } else { "│   " });
    for (n, c) in s.children().enumerate() {
        tree_lines(r, c, &child_prefix, n + 1 == s.children.len(), out);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_line_break_in_a_file_name_cannot_forge_a_line() {
        let r = crate::load::from_text("a\nb\t.txt", "一、总体要求\n全年增长5%。\n", "utf-8");
        let tree = super::text_tree(&r);
        let first = tree.lines().next().unwrap();
        assert!(first.starts_with("a\\nb\\t.txt  "), "{first}");
        assert_eq!(tree.lines().count(), 2, "{tree}");
    }

    #[test]
    fn the_paragraph_count_is_singular_for_one() {
        let one = crate::load::from_text("a.txt", "全年增长5%。\n", "utf-8");
        assert!(super::text_tree(&one).contains("  (1 paragraph, 1 in front matter)"));
        let two = crate::load::from_text("b.txt", "全年增长5%。\n\n今年增长6%。\n", "utf-8");
        assert!(super::text_tree(&two).contains("  (2 paragraphs, 2 in front matter)"));
    }
}
