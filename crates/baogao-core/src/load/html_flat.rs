//! HTML read as a flat stream of tags and text, for pages nested too deep for a tree.
//!
//! An HTML5 tree builder checks the stack of open elements at many tags, so a page of 100 000
//! nested `<div>`s takes time quadratic in its depth (and any recursive walk of the tree, stack
//! proportional to it). No real page nests more than a few dozen levels; past
//! [`MAX_TREE_DEPTH`] the page is read here instead, in one linear pass: scripts and styles
//! dropped, block tags as line breaks, character references decoded.

/// Deeper than this (as [`nesting_depth`] counts), a page is read flat.
pub const MAX_TREE_DEPTH: usize = 512;

/// Elements that never hold children, and those whose end tag may be left out (a new `<p>`
/// closes the last one): neither deepens the tree.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody", "tfoot",
    "colgroup", "rt", "rp", "optgroup",
];

/// Whose content is not text of the page.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "head", "svg", "iframe", "template",
];

/// Elements that start a new line: the same set the tree walk uses.
use super::formats::{open_cell, BLOCK, CELL};

/// One tag at `lower[at..]` (which starts with `<`): its lower-case name, whether it closes,
/// whether it ends in `/>`, and where it ends. `None` for a `<` that opens no tag.
fn tag_at(lower: &str, at: usize) -> Option<(&str, bool, bool, usize)> {
    let rest = &lower[at + 1..];
    let (closing, name_start) = match rest.as_bytes().first()? {
        b'/' => (true, at + 2),
        b if b.is_ascii_alphabetic() => (false, at + 1),
        _ => return None,
    };
    let name_len = lower[name_start..]
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b':')
        .count();
    let name = &lower[name_start..name_start + name_len];
    let end = match memchr::memchr(b'>', &lower.as_bytes()[name_start..]) {
        Some(i) => name_start + i + 1,
        None => lower.len(),
    };
    let self_closing = lower[..end].ends_with("/>");
    Some((name, closing, self_closing, end))
}

/// The deepest nesting of elements, counted cheaply (comments skipped, void and
/// optional-end elements not counted, a stray end tag never below zero).
pub fn nesting_depth(html: &str) -> usize {
    let lower = html.to_ascii_lowercase();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    let bytes = lower.as_bytes();
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + off;
        if lower[at..].starts_with("<!--") {
            i = lower[at..].find("-->").map_or(lower.len(), |e| at + e + 3);
            continue;
        }
        match tag_at(&lower, at) {
            Some((name, closing, self_closing, end)) => {
                if !NOT_NESTING.contains(&name) && !self_closing {
                    if closing {
                        depth = depth.saturating_sub(1);
                    } else {
                        depth += 1;
                        max = max.max(depth);
                    }
                }
                i = end;
            }
            None => i = at + 1,
        }
    }
    max
}

/// The page's text, in one pass.
pub fn text(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut i = 0;
    while i < html.len() {
        let Some(off) = memchr::memchr2(b'<', b'&', &bytes[i..]) else {
            push_text(&mut out, &html[i..]);
            break;
        };
        let at = i + off;
        push_text(&mut out, &html[i..at]);
        if bytes[at] == b'&' {
            i = entity(html, at, &mut out);
            continue;
        }
        if lower[at..].starts_with("<!--") {
            i = lower[at..].find("-->").map_or(html.len(), |e| at + e + 3);
            continue;
        }
        let Some((name, closing, self_closing, end)) = tag_at(&lower, at) else {
            out.push('<');
            i = at + 1;
            continue;
        };
        i = end;
        if BLOCK.contains(&name) {
            out.push('\n');
        } else if !closing && CELL.contains(&name) {
            open_cell(&mut out);
        }
        if !closing && !self_closing && DROPPED.contains(&name) {
            // Up to its end tag (or the end of the page).
            let close = format!("</{name}");
            i = lower[end..].find(&close).map_or(html.len(), |e| {
                tag_at(&lower, end + e).map_or(html.len(), |t| t.3)
            });
        }
    }
    out
}

fn push_text(out: &mut String, s: &str) {
    for c in s.chars() {
        out.push(if c == '\n' { ' ' } else { c });
    }
}

/// A character reference at `html[at..]` (which starts with `&`): decoded into `out` when known,
/// else the `&` kept as text. Returns where reading goes on.
fn entity(html: &str, at: usize, out: &mut String) -> usize {
    let rest = &html[at + 1..];
    let len = rest
        .bytes()
        .take(12)
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    let name = &rest[..len];
    let decoded = if let Some(num) = name.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse().ok(),
        };
        n.and_then(char::from_u32)
    } else {
        match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "middot" => Some('·'),
            "mdash" => Some('—'),
            "hellip" => Some('…'),
            _ => None,
        }
    };
    match decoded {
        Some(c) => {
            out.push(c);
            let end = at + 1 + len;
            if html[end..].starts_with(';') {
                end + 1
            } else {
                end
            }
        }
        None => {
            out.push('&');
            at + 1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_nesting_not_tags() {
        assert_eq!(nesting_depth("<div><div><span>x</span></div></div>"), 3);
        assert_eq!(nesting_depth(&"<p>段落".repeat(1000)), 0);
        assert_eq!(nesting_depth(&"<div>a</div>".repeat(1000)), 1);
        assert_eq!(nesting_depth(&"<span>".repeat(5000)), 5000);
        assert_eq!(nesting_depth("<!-- <div><div> --><br/><img src=x>"), 0);
    }

    #[test]
    fn flat_text_keeps_words_and_breaks() {
        let html = "<html><head><title>t</title></head><body><script>var a='<p>';</script>\
                    <div>一、工作回顾</div><p>增长&nbsp;6%&amp;稳定&#65281;<b>好</b></p>a < b</body></html>";
        let t = text(html);
        let lines: Vec<&str> = t.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        assert_eq!(lines, ["一、工作回顾", "增长\u{a0}6%&稳定！好", "a < b"]);
    }

    #[test]
    fn a_deep_page_is_read_flat() {
        // Through the tree this overflowed the stack (an abort, not an error).
        let html = format!("{}各位代表：现在向大会报告工作。", "<span>".repeat(100_000));
        let out = super::super::formats::html_text(&html);
        assert!(out.contains("各位代表：现在向大会报告工作。"));
    }

    #[test]
    fn a_page_just_under_the_cap_still_builds_its_tree() {
        let deep = "<div>".repeat(MAX_TREE_DEPTH - 10);
        let body = "全年实现地区生产总值12.5亿元，同比增长6%。".repeat(20);
        let html =
            format!("<html><body>{deep}<div class=\"content\"><p>{body}</p></div></body></html>");
        assert!(nesting_depth(&html) <= MAX_TREE_DEPTH);
        assert!(super::super::formats::html_text(&html).contains(&body));
    }
}
