//! The gazetteer: China's divisions at province, prefecture and county level (compiled in from
//! `data/gazetteer.tsv`), for full official names, levels and counting a report's mentions of
//! places by their short names (`巴中` for `巴中市`).

use super::place::{class, split, Level};
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
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
    /// The short names, matched anchored at a place the pair filter lets through.
    matcher: Option<AhoCorasick>,
    /// The pair filter: a bit for the first two chars of every short name (all have two or
    /// more), by [`pair_bit`].
    starts: Vec<u64>,
}

/// Bits of the pair filter: 2^18 (32 KB, within the CPU's first caches); the 2,939 pairs set
/// let about one other pair in ninety through. (With 2^16, one in twenty, the anchored runs
/// the false passes started took most of the time: 500–600 MB/s against 750.)
const PAIR_BITS: u32 = 18;

/// The filter's bit for two chars.
#[inline]
fn pair_bit(a: char, b: char) -> usize {
    let h = (a as u32).wrapping_mul(0x9E37_79B1) ^ (b as u32);
    (h.wrapping_mul(0x85EB_CA6B) >> (32 - PAIR_BITS)) as usize
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
        starts: vec![0; 1 << (PAIR_BITS - 6)],
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
    for short in &g.shorts {
        let mut cs = short.chars();
        if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
            let bit = pair_bit(a, b);
            g.starts[bit / 64] |= 1 << (bit % 64);
        }
    }
    // Anchored only: it is started where a short name may begin. A DFA: it runs over every
    // report's whole text, so its few MB and its build time (once, on first use) pay for
    // themselves.
    g.matcher = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
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
///
/// Each char, with the next, is tested against the pair filter, and the automaton run
/// anchored only where the two chars may begin a name: the longest name starting at the
/// first such place is the leftmost-longest match, and the scan goes on from its end. (An
/// unanchored automaton over all of the text ran at 270–300 MB/s, 0.4–0.6× this scan side by
/// side over 1,000 corpus files: in a cold load of the TUI, a tenth of the loaders' time.)
pub fn count_mentions(text: &str) -> HashMap<&'static str, usize> {
    let g = &*GAZETTEER;
    let mut counts = HashMap::new();
    let Some(m) = &g.matcher else {
        return counts;
    };
    // Where the next match may start (the end of the last one).
    let mut resume = 0;
    let mut chars = text.char_indices();
    let Some((mut at, mut prev)) = chars.next() else {
        return counts;
    };
    for (next_at, c) in chars {
        let bit = pair_bit(prev, c);
        if at >= resume && g.starts[bit / 64] & (1 << (bit % 64)) != 0 {
            let input = Input::new(text).range(at..).anchored(Anchored::Yes);
            if let Some(hit) = m.find(input) {
                *counts
                    .entry(g.shorts[hit.pattern().as_usize()])
                    .or_insert(0) += 1;
                resume = hit.end();
            }
        }
        (at, prev) = (next_at, c);
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

    /// The filtered, anchored scan counts what an unanchored leftmost-longest search over the
    /// whole text counts: names side by side, overlapping (`南京` and `京山`), one inside a
    /// longer one, at the text's ends, amid Latin, digits and punctuation.
    #[test]
    fn the_filtered_scan_counts_as_a_search_of_the_whole_text() {
        let g = &*GAZETTEER;
        let whole = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&g.shorts)
            .expect("built");
        let reference = |text: &str| {
            let mut counts = HashMap::new();
            for hit in whole.find_iter(text) {
                *counts
                    .entry(g.shorts[hit.pattern().as_usize()])
                    .or_insert(0) += 1;
            }
            counts
        };
        // Names and pieces of names (their first and last chars), among other text.
        let mut pieces: Vec<String> = g.shorts.iter().step_by(37).map(|s| s.to_string()).collect();
        let firsts: Vec<String> = pieces
            .iter()
            .filter_map(|s| s.chars().next())
            .map(String::from)
            .collect();
        let lasts: Vec<String> = pieces
            .iter()
            .filter_map(|s| s.chars().last())
            .map(String::from)
            .collect();
        pieces.extend(firsts);
        pieces.extend(lasts);
        pieces.extend(["，", "GDP", "2024年", "建设", " ", "。\n"].map(String::from));
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut texts: Vec<String> = vec![
            String::new(),
            "南京山".into(),
            "南京市京山县".into(),
            "建设美丽绵阳，平安绵阳建设取得新成效，合作共赢。".into(),
        ];
        for _ in 0..3000 {
            let len = next(12);
            texts.push(
                (0..len)
                    .map(|_| pieces[next(pieces.len())].as_str())
                    .collect(),
            );
        }
        let mut found = 0;
        for text in &texts {
            let want = reference(text);
            found += want.len();
            assert_eq!(count_mentions(text), want, "{text}");
        }
        assert!(found > 1000, "names were found: {found}");
    }

    #[test]
    fn counts_short_names_but_not_everyday_words() {
        let c = count_mentions("建设美丽绵阳，平安绵阳建设取得新成效，合作共赢。");
        assert_eq!(c.get("绵阳"), Some(&2));
        assert_eq!(c.get("平安"), None);
        assert_eq!(c.get("合作"), None);
    }
}
