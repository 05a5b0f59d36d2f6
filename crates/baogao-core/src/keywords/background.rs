//! The built-in background of typical report language: for each common content word, in how
//! many of a sample of reports it occurs (`background.tsv`, compiled in). Only word counts are
//! stored, never text. It is generated from a corpus of reports by
//! `cargo run --release --example gen_keyword_background` (see that file), with the same cut
//! ([`super::terms`]) used at run time; words in fewer than three of the sample's reports are left
//! out, so no one report's own words are in it.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The compiled-in data: `docs<TAB>N`, then `word<TAB>reports using it`, one a line.
const DATA: &str = include_str!("background.tsv");

/// Document frequencies of a sample of reports.
#[derive(Debug, Clone, Default)]
pub struct Background {
    docs: u32,
    /// Words used by fewer reports than this were left out.
    min: u32,
    df: HashMap<String, u32>,
}

impl Background {
    /// Parse the `background.tsv` format; lines that do not fit it are skipped.
    pub fn parse(text: &str) -> Background {
        let mut b = Background::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let Some((word, n)) = line.split_once('\t') else {
                continue;
            };
            let Ok(n) = n.trim().parse::<u32>() else {
                continue;
            };
            if word == "docs" {
                b.docs = n;
            } else if word == "min" {
                b.min = n;
            } else if !word.is_empty() {
                b.df.insert(word.to_string(), n);
            }
        }
        // A count above the sample size is a damaged line: clamp it.
        let docs = b.docs;
        b.df.values_mut().for_each(|n| *n = (*n).min(docs));
        b
    }

    /// How many reports the sample had (each counts as one more document of the background).
    pub fn docs(&self) -> f64 {
        f64::from(self.docs)
    }

    /// In how many of them `word` occurs. A word left out occurs in fewer than the cut-off: it
    /// counts as half of what it might have had (one, with a cut-off of three), not as never
    /// seen — an unknown word is rare, not unique.
    pub fn df(&self, word: &str) -> f64 {
        match self.df.get(word) {
            Some(&n) => f64::from(n),
            None => f64::from(self.min.saturating_sub(1)) / 2.0,
        }
    }

    /// How many words it holds.
    pub fn len(&self) -> usize {
        self.df.len()
    }

    pub fn is_empty(&self) -> bool {
        self.df.is_empty()
    }
}

/// The built-in background, parsed on first use.
pub fn get() -> &'static Background {
    static BG: OnceLock<Background> = OnceLock::new();
    BG.get_or_init(|| Background::parse(DATA))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_counts_and_skips_what_does_not_fit() {
        let b = Background::parse(
            "# comment\ndocs\t10\nmin\t3\n改革\t9\n冰雪\t1\nbroken line\n过多\t99\n\t3\n",
        );
        assert_eq!(b.docs(), 10.0);
        assert_eq!(b.df("改革"), 9.0);
        assert_eq!(b.df("冰雪"), 1.0);
        assert_eq!(b.df("没有"), 1.0);
        assert_eq!(b.df("过多"), 10.0);
        assert_eq!(b.len(), 3);
    }

    #[test]
    fn the_built_in_data_knows_the_genre() {
        let b = get();
        assert!(b.docs() >= 20.0, "{} reports", b.docs());
        // Words of every report are near the top of the scale.
        for w in ["改革", "服务", "高质量发展"] {
            assert!(b.df(w) * 2.0 > b.docs(), "{w}: {}", b.df(w));
        }
    }
}
