//! The gazetteer: China's divisions at province, prefecture and county level (compiled in from
//! `data/gazetteer.tsv`), for full official names, levels and counting a report's mentions of
//! places by their short names (`巴中` for `巴中市`).

use super::place::{class, split, Level};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::HashMap;
use std::sync::LazyLock;

const DATA: &str = include_str!("../../data/gazetteer.tsv");
const COMMON: &str = include_str!("../../data/common_names.txt");

/// One division.
#[derive(Debug)]
pub struct Entry {
    /// The full official name (`甘孜藏族自治州`).
    pub full: &'static str,
    pub designation: &'static str,
    pub level: Level,
}

impl Entry {
    /// The bare word a report uses for this kind of unit (`州` for `自治州`).
    pub fn class(&self) -> &'static str {
        class(self.designation)
    }
}

struct Gazetteer {
    entries: Vec<Entry>,
    by_full: HashMap<&'static str, Vec<usize>>,
    by_short: HashMap<&'static str, Vec<usize>>,
    /// Distinct countable short names, the automaton's patterns in this order.
    shorts: Vec<&'static str>,
    matcher: Option<AhoCorasick>,
}

fn parse_level(s: &str) -> Option<Level> {
    match s {
        "province" => Some(Level::Province),
        "city" => Some(Level::City),
        "county" => Some(Level::County),
        _ => None,
    }
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let common: Vec<&str> = COMMON
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect();
    let mut g = Gazetteer {
        entries: Vec::new(),
        by_full: HashMap::new(),
        by_short: HashMap::new(),
        shorts: Vec::new(),
        matcher: None,
    };
    for line in DATA.lines().filter(|l| !l.starts_with('#')) {
        let Some((level, full)) = line.split_once('\t') else {
            continue;
        };
        let (Some(level), Some((stem, designation))) = (parse_level(level), split(full)) else {
            continue;
        };
        // The short name drops designation and ethnic groups (`甘孜`); it is the full name
        // when that would leave a single character (`沙县`).
        let short = if stem.chars().count() >= 2 {
            stem
        } else {
            full
        };
        let i = g.entries.len();
        g.entries.push(Entry {
            full,
            designation,
            level,
        });
        g.by_full.entry(full).or_default().push(i);
        let list = g.by_short.entry(short).or_default();
        if list.is_empty() && !common.contains(&short) {
            g.shorts.push(short);
        }
        list.push(i);
    }
    // A DFA: it runs over every report's whole text, so its few MB and its build time (once,
    // on first use) pay for themselves.
    g.matcher = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&g.shorts)
        .ok();
    g
});

fn entries(ids: Option<&Vec<usize>>) -> Vec<&'static Entry> {
    let g = &*GAZETTEER;
    ids.map(|ids| ids.iter().map(|&i| &g.entries[i]).collect())
        .unwrap_or_default()
}

/// Divisions with this full name (several: `朝阳区` is in Beijing and in Changchun).
pub fn by_full(name: &str) -> Vec<&'static Entry> {
    entries(GAZETTEER.by_full.get(name))
}

/// Divisions with this short name (`甘孜`: the prefecture and the county).
pub fn by_short(short: &str) -> Vec<&'static Entry> {
    entries(GAZETTEER.by_short.get(short))
}

/// The longest full name that `s` starts with.
pub fn longest_full_prefix(s: &str) -> Option<&'static str> {
    let g = &*GAZETTEER;
    // Full names are at most 20 characters.
    s.char_indices()
        .take(20)
        .map(|(i, c)| &s[..i + c.len_utf8()])
        .filter_map(|p| g.by_full.get_key_value(p).map(|(k, _)| *k))
        .last()
}

/// How often each countable short name occurs in `text` (leftmost-longest, no overlaps).
pub fn count_mentions(text: &str) -> HashMap<&'static str, usize> {
    let g = &*GAZETTEER;
    let mut counts = HashMap::new();
    if let Some(m) = &g.matcher {
        for hit in m.find_iter(text) {
            *counts
                .entry(g.shorts[hit.pattern().as_usize()])
                .or_insert(0) += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_every_provincial_unit() {
        let provinces = GAZETTEER
            .entries
            .iter()
            .filter(|e| e.level == Level::Province)
            .count();
        assert_eq!(provinces, 34);
        assert_eq!(by_short("内蒙古")[0].full, "内蒙古自治区");
        assert_eq!(by_short("香港")[0].full, "香港特别行政区");
    }

    #[test]
    fn counts_short_names_but_not_everyday_words() {
        let c = count_mentions("建设美丽绵阳，平安绵阳建设取得新成效，合作共赢。");
        assert_eq!(c.get("绵阳"), Some(&2));
        assert_eq!(c.get("平安"), None);
        assert_eq!(c.get("合作"), None);
    }
}
