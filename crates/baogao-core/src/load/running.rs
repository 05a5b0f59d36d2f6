//! Running headers and footers: lines that open or close most pages with the same words, the
//! page number aside. A PDF's pages and the pages of a text dump (split at its page-number
//! lines) are read by the same rule.

use std::collections::{HashMap, HashSet};

/// Lines at each end of a page that may be running lines.
const EDGE: usize = 2;

/// A line with its digits blanked: running headers differ only in the page number.
fn shape(line: &str) -> String {
    line.trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// For each page (its non-blank lines, in order), how many lines at its top and at its bottom are
/// running lines: a line among the first (last) two of a page whose shape is among the first
/// (last) two of more than half the pages, except at the top of the first page. A document of
/// one or two pages has none to tell.
pub(super) fn running_edges<S: AsRef<str>>(pages: &[Vec<S>]) -> Vec<(usize, usize)> {
    if pages.len() < 3 {
        return vec![(0, 0); pages.len()];
    }
    let all: Vec<&[S]> = pages.iter().map(|p| &p[..]).collect();
    let mut tops = running_ends(&all, true);
    // A report opens with its title, which running heads often repeat: the first page's top
    // stays.
    tops[0] = 0;
    // The bottoms are read on what the tops leave.
    let left: Vec<&[S]> = all.iter().zip(&tops).map(|(p, &t)| &p[t..]).collect();
    let bottoms = running_ends(&left, false);
    tops.into_iter().zip(bottoms).collect()
}

/// How many lines at the top (or bottom) of each page are running lines.
fn running_ends<S: AsRef<str>>(pages: &[&[S]], from_top: bool) -> Vec<usize> {
    let ends = |lines: &[S]| -> Vec<String> {
        let take = EDGE.min(lines.len());
        let picked = if from_top {
            &lines[..take]
        } else {
            &lines[lines.len() - take..]
        };
        picked.iter().map(|l| shape(l.as_ref())).collect()
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for p in pages {
        let seen: HashSet<String> = ends(p).into_iter().collect();
        for s in seen {
            *counts.entry(s).or_default() += 1;
        }
    }
    let running = |l: &S| {
        counts
            .get(&shape(l.as_ref()))
            .is_some_and(|&n| n * 2 > pages.len())
    };
    pages
        .iter()
        .map(|p| {
            if from_top {
                p.iter().take(EDGE).take_while(|l| running(l)).count()
            } else {
                p.iter().rev().take(EDGE).take_while(|l| running(l)).count()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn headers_and_footers_of_most_pages() {
        let pages = vec![
            page(&[
                "某镇2030年工作总结",
                "一、工作回顾",
                "春耕备耕有序推进。",
                "第 1 页",
            ]),
            page(&["某镇人民政府文件", "新建村道十二公里。", "第 2 页"]),
            page(&["某镇人民政府文件", "集镇面貌焕然一新。", "第 3 页"]),
            page(&["某镇人民政府文件", "民生实事全部完成。", "第 4 页"]),
        ];
        assert_eq!(running_edges(&pages), vec![(0, 1), (1, 1), (1, 1), (1, 1)]);
    }

    #[test]
    fn two_pages_or_a_line_on_half_the_pages_tell_nothing() {
        let two = vec![
            page(&["某镇人民政府文件", "春耕备耕有序推进。"]),
            page(&["某镇人民政府文件", "新建村道十二公里。"]),
        ];
        assert_eq!(running_edges(&two), vec![(0, 0), (0, 0)]);
        let half = vec![
            page(&["某镇人民政府文件", "春耕备耕有序推进。"]),
            page(&["新建村道十二公里。"]),
            page(&["某镇人民政府文件", "集镇面貌焕然一新。"]),
            page(&["民生实事全部完成。"]),
        ];
        assert_eq!(running_edges(&half), vec![(0, 0); 4]);
    }

    #[test]
    fn a_page_that_is_all_running_lines_is_emptied_once() {
        let pages = vec![
            page(&["某镇人民政府文件", "春耕备耕有序推进。", "第 1 页"]),
            page(&["某镇人民政府文件", "第 2 页"]),
            page(&["某镇人民政府文件", "集镇面貌焕然一新。", "第 3 页"]),
        ];
        let edges = running_edges(&pages);
        assert_eq!(edges[1], (1, 1));
        assert_eq!(edges[0], (0, 1));
    }
}
