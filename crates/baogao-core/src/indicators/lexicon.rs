//! The lexicon: indicator names and cue words as data, matched by one automaton.
//!
//! The built-in lexicon is `lexicon.json` (compiled in). A user file of the same shape extends
//! it: an indicator whose `canonical` is known adds aliases to it, any other is a new indicator
//! (its `class` is then required); `cues` add words to the groups named in [`Group`].
//!
//! All words — names and cues of every group — go into one Aho–Corasick automaton, built once.
//! A paragraph is scanned once ([`Scan::new`]); every later question ("which filler starts
//! here?", "which scope ends here?") is answered from that scan, and always with the
//! **longest** word of the group asked for, so no word shadows a longer one (`同比` vs `同比增`)
//! whatever the order of the lists.

use super::vocab::Class;
use daachorse::CharwiseDoubleArrayAhoCorasick;
use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

/// The built-in lexicon as shipped.
pub const BUILTIN_JSON: &str = include_str!("lexicon.json");

/// Groups of cue words (the keys of `cues` in the lexicon file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// Change cues for a rise (`增长`, `同比增`).
    Growth,
    /// Change cues for a fall (`下降`, `同比减`).
    Decline,
    /// Verbs that announce a new level, not a change (`增至`, `控制到`).
    ToLevel,
    /// What a change is compared with (`比上年`, `同比`, `年均`).
    Basis,
    /// Words that may stand between a name and its figure without bringing in another subject.
    Filler,
    /// Scope and verb words that may stand before a name (`全县`, `今年`).
    Scope,
    /// Size qualifiers that keep a name the same indicator (`规上`).
    Modifier,
    /// Heads a `、` list of names can share (`产量`).
    SharedHead,
    /// Round milestones (`突破`, `首超`).
    Milestone,
    /// Context that makes a `%` figure a share or completion rate (`占`, `比重`).
    Share,
    /// Sentence cues for targets (`预期目标`, `力争`).
    Target,
    /// Goal words a review part still takes as a target.
    ReviewGoal,
    /// Section-title words for plans and for reviews.
    TargetTitle,
    ReviewTitle,
    /// Verbs holding a level (`控制在`): a figure with `的` after them is still the value.
    Held,
    /// Verbs after a change cue that make the figure a level (`增加…达到`).
    LevelVerb,
    /// Nouns after `的` that keep a figure the indicator's own (`130亿元的目标`).
    OwnNoun,
    /// Name endings that make a `%` figure a change (`增速`).
    RateName,
    /// `预计`: an estimate.
    Estimate,
    /// Verbs before a name (`实现`, `完成`).
    Verb,
    /// Company or project words: a name after them is not the place's indicator.
    Company,
    /// Sub-areas of a place (`园区`, `开发区`).
    Area,
    /// Size prefixes kept in the name as written (`规上企业`).
    Size,
    /// Words trailing a `分别` list of names (`同比`, `均`).
    ListTail,
    /// Amount words that close a name (`总额`, `人数`).
    NameTail,
    /// Words right before a name that narrow it to a sector or part of the economy
    /// (`工业固定资产投资`, `民间投资`): the row is not the place's whole indicator.
    Narrow,
    /// Facilities and projects (`商贸中心`, `产业园`) …
    Facility,
    /// … and the verbs that open them (`建成投用`): a clause saying so makes the jobs right
    /// after it the facility's (`商贸中心建成投用,新增就业3000人`).
    Opening,
    /// Nouns after a figure (and `的`) that make it a goal (`增长6%的目标`): in a review, a target
    /// restated for the year reviewed, not a result.
    GoalNoun,
    /// Verbs that take a counted object (`培育`, `引进`): a figure outside the vocabulary after
    /// nothing but these and [`Group::Lead`] words is named by what follows its unit
    /// (`培育100家示范企业`: the firms, not `培育`), and such a name ends before the next one
    /// (`规上工业企业开展诊断`).
    Action,
    /// Words that lead such a phrase but also sit inside names, so they do not end one:
    /// adjectives (`重点`), prepositions (`对`), determiners (`一批`) and verbs that name works
    /// (`改造`, `建设`: `老旧小区改造`).
    Lead,
    /// Verbs of what was done that make the thing an increment (`新增贷款`: new loans, not the
    /// balance; `新开工项目`): kept at the start of a name when other such verbs are peeled
    /// off it (`实施重点项目` → `重点项目`).
    Increment,
    /// Adverbs of manner (`加快`, `全面`, `顺利`): they lead such a phrase as [`Group::Lead`]
    /// words do, and end the thing counted before them as actions do
    /// (`875个重大项目加快推进` → `重大项目`).
    Manner,
    /// Words that open with a one-char cue word (`在建`, `到位`, `达标`): a name's leading cue
    /// words are not peeled off inside them (`在建项目`, not `建项目`).
    Bound,
    /// Comparatives (`高于`, `快于`, `比`) …
    Comparative,
    /// … and what they measure against (`全省`, `平均水平`, `预期目标`): a figure right after
    /// the two (`高于全省0.5个百分点`) is a difference from another place or a goal, not the
    /// subject's own level or change.
    Reference,
    /// Bounds written before a figure, by the closed qualifier each means ([`Group::BOUNDS`]):
    /// `不低于` (以上), `不超过` (以内), `突破` (超过), `不到` (以下), `约`, `近`.
    AtLeast,
    AtMost,
    Over,
    Under,
    About,
    Near,
}

/// A set of [`Group`]s (and the name bit), one bit each.
pub type Mask = u64;

impl Group {
    const ALL: [(Group, &'static str); 42] = [
        (Group::Growth, "growth"),
        (Group::Decline, "decline"),
        (Group::ToLevel, "to_level"),
        (Group::Basis, "basis"),
        (Group::Filler, "filler"),
        (Group::Scope, "scope"),
        (Group::Modifier, "modifier"),
        (Group::SharedHead, "shared_head"),
        (Group::Milestone, "milestone"),
        (Group::Share, "share"),
        (Group::Target, "target"),
        (Group::ReviewGoal, "review_goal"),
        (Group::TargetTitle, "target_title"),
        (Group::ReviewTitle, "review_title"),
        (Group::Held, "held"),
        (Group::LevelVerb, "level_verb"),
        (Group::OwnNoun, "own_noun"),
        (Group::RateName, "rate_name"),
        (Group::Estimate, "estimate"),
        (Group::Verb, "verb"),
        (Group::Company, "company"),
        (Group::Area, "area"),
        (Group::Size, "size"),
        (Group::ListTail, "list_tail"),
        (Group::NameTail, "name_tail"),
        (Group::Narrow, "narrow"),
        (Group::Facility, "facility"),
        (Group::Opening, "opening"),
        (Group::GoalNoun, "goal_noun"),
        (Group::Action, "action"),
        (Group::Lead, "lead"),
        (Group::Increment, "increment"),
        (Group::Manner, "manner"),
        (Group::Bound, "bound"),
        (Group::Comparative, "comparative"),
        (Group::Reference, "reference"),
        (Group::AtLeast, "at_least"),
        (Group::AtMost, "at_most"),
        (Group::Over, "over"),
        (Group::Under, "under"),
        (Group::About, "about"),
        (Group::Near, "near"),
    ];

    /// The bound groups and the qualifier of the contract's closed set each means.
    pub const BOUNDS: [(Group, &'static str); 6] = [
        (Group::AtLeast, "以上"),
        (Group::AtMost, "以内"),
        (Group::Over, "超过"),
        (Group::Under, "以下"),
        (Group::About, "约"),
        (Group::Near, "近"),
    ];

    /// The bound groups together.
    pub const BOUNDS_MASK: Mask = {
        let (mut m, mut i) = (0, 0);
        while i < Group::BOUNDS.len() {
            m |= Group::BOUNDS[i].0.bit();
            i += 1;
        }
        m
    };

    /// The key of the group in the lexicon file.
    pub fn key(self) -> &'static str {
        Group::ALL[self as usize].1
    }

    fn from_key(k: &str) -> Option<Group> {
        Group::ALL.iter().find(|(_, n)| *n == k).map(|(g, _)| *g)
    }

    /// The bit of the group in a word's mask.
    pub const fn bit(self) -> Mask {
        1 << (self as u32)
    }
}

/// The bit of indicator names in a word's mask.
const NAME_BIT: Mask = 1 << 63;

/// One indicator of the lexicon.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorDef {
    /// Shared by every mention and panel row of the indicator.
    pub canonical: std::sync::Arc<str>,
    pub class: Class,
    /// Spellings as written (the canonical name is always matched too).
    pub aliases: Vec<String>,
}

/// A problem in a lexicon file, with the place it was found (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {problem}")]
pub struct LexiconError {
    pub line: usize,
    pub column: usize,
    pub problem: String,
}

/// One word of the automaton: its length in chars, the groups it is in, the indicator it names.
#[derive(Debug, Clone)]
struct Word {
    len: u32,
    mask: Mask,
    entry: Option<u32>,
}

/// Indicator names and cue words, with the automaton that finds them.
pub struct Lexicon {
    indicators: Vec<IndicatorDef>,
    cues: Vec<Vec<String>>,
    words: Vec<Word>,
    /// Each word's index in `words`, by its folded text.
    index: HashMap<String, usize>,
    ac: CharwiseDoubleArrayAhoCorasick<u32>,
    /// Whether a word holds a sentence end (then [`Scan::of_sentences`] scans whole texts).
    spans_sentences: bool,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("indicators", &self.indicators.len())
            .field("words", &self.words.len())
            .finish()
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIndicator {
    canonical: String,
    #[serde(default)]
    class: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    #[allow(dead_code)]
    about: Option<String>,
    #[serde(default)]
    indicators: Vec<FileIndicator>,
    #[serde(default)]
    cues: HashMap<String, Vec<String>>,
}

/// The longest a lexicon word may be, in chars (names and cues are short; this bounds a scan).
const WORD_MAX: usize = 32;

fn class_from(s: &str) -> Option<Class> {
    Some(match s {
        "money" => Class::Money,
        "rate" => Class::Rate,
        "index" => Class::Index,
        "grain" => Class::Grain,
        "jobs" => Class::Jobs,
        "energy" => Class::Energy,
        _ => return None,
    })
}

/// Line and column (1-based, in chars) of the first `needle` in `text` at or after `from`.
fn locate(text: &str, needle: &str, from: usize) -> (usize, usize, usize) {
    let at = text
        .get(from..)
        .and_then(|t| t.find(needle))
        .map_or(from.min(text.len()), |p| p + from);
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col, at + needle.len().min(text.len() - at))
}

/// A lexicon file's text, read into indicators and cue groups, without building the automaton.
struct Parsed {
    indicators: Vec<(IndicatorDef, bool)>,
    cues: Vec<(Group, Vec<String>)>,
}

fn parse_file(text: &str) -> Result<Parsed, LexiconError> {
    let file: File = serde_json::from_str(text).map_err(|e| LexiconError {
        line: e.line().max(1),
        column: e.column().max(1),
        problem: e.to_string().split(" at line ").next().unwrap_or("").into(),
    })?;
    let mut from = 0;
    let mut indicators = Vec::new();
    for ind in file.indicators {
        let (line, column, next) = locate(text, &format!("\"{}\"", ind.canonical), from);
        from = next;
        let err = |problem: String| LexiconError {
            line,
            column,
            problem,
        };
        let canonical = ind.canonical.trim().to_string();
        if canonical.is_empty() || canonical.chars().count() > WORD_MAX {
            return Err(err(format!(
                "an indicator's canonical name must have 1 to {WORD_MAX} characters"
            )));
        }
        let class = match ind.class.as_deref() {
            None => None,
            Some(c) => Some(class_from(c).ok_or_else(|| {
                err(format!(
                    "unknown class {c:?} (money, rate, index, grain, jobs or energy)"
                ))
            })?),
        };
        let mut aliases = Vec::new();
        for a in ind.aliases {
            let a = a.trim().to_string();
            if a.is_empty() || a.chars().count() > WORD_MAX {
                return Err(err(format!(
                    "an alias of {canonical} must have 1 to {WORD_MAX} characters"
                )));
            }
            aliases.push(a);
        }
        let has_class = class.is_some();
        indicators.push((
            IndicatorDef {
                canonical: canonical.into(),
                class: class.unwrap_or(Class::Money),
                aliases,
            },
            has_class,
        ));
    }
    let mut cues = Vec::new();
    let mut keys: Vec<(String, Vec<String>)> = file.cues.into_iter().collect();
    keys.sort();
    for (k, words) in keys {
        let (line, column, _) = locate(text, &format!("\"{k}\""), 0);
        let Some(g) = Group::from_key(&k) else {
            return Err(LexiconError {
                line,
                column,
                problem: format!("unknown cue group {k:?}"),
            });
        };
        if let Some(w) = words
            .iter()
            .find(|w| w.trim().is_empty() || w.chars().count() > WORD_MAX)
        {
            return Err(LexiconError {
                line,
                column,
                problem: format!(
                    "cue {w:?} in {k:?} must have 1 to {WORD_MAX} non-blank characters"
                ),
            });
        }
        cues.push((g, words));
    }
    Ok(Parsed { indicators, cues })
}

/// A user lexicon file read and checked: apply it with [`Lexicon::extended`].
#[derive(Debug, Clone)]
pub struct UserLexicon {
    parsed: Vec<(IndicatorDef, bool)>,
    cues: Vec<(Group, Vec<String>)>,
    /// Where each indicator was written, for errors found when merging.
    places: Vec<(usize, usize)>,
}

/// Read a lexicon file's text (the format of `lexicon.json`).
///
/// ```
/// let user = baogao_core::indicators::lexicon::parse(
///     r#"{"indicators": [{"canonical": "地区生产总值", "aliases": ["本地生产总值"]}]}"#,
/// ).unwrap();
/// let lex = baogao_core::indicators::lexicon::builtin().extended(&user).unwrap();
/// assert!(lex.indicator_words().any(|w| w == "本地生产总值"));
/// let bad = baogao_core::indicators::lexicon::parse("{\n \"indicators\": 3\n}").unwrap_err();
/// assert_eq!(bad.line, 2);
/// ```
pub fn parse(text: &str) -> Result<UserLexicon, LexiconError> {
    let p = parse_file(text)?;
    let mut from = 0;
    let places = p
        .indicators
        .iter()
        .map(|(d, _)| {
            let (l, c, next) = locate(text, &format!("\"{}\"", d.canonical), from);
            from = next;
            (l, c)
        })
        .collect();
    Ok(UserLexicon {
        parsed: p.indicators,
        cues: p.cues,
        places,
    })
}

impl Lexicon {
    fn build(indicators: Vec<IndicatorDef>, cues: Vec<Vec<String>>) -> Result<Lexicon, String> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut words: Vec<Word> = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut add = |w: &str, mask: Mask, entry: Option<u32>| -> Result<(), String> {
            let folded = crate::fold::fold(w);
            let len = folded.chars().count() as u32;
            if len == 0 {
                return Ok(());
            }
            match index.get(&folded) {
                Some(&k) => {
                    let word = &mut words[k];
                    if let (Some(old), Some(new)) = (word.entry, entry) {
                        if old != new {
                            return Err(format!(
                                "{w} names both {} and {}",
                                indicators[old as usize].canonical,
                                indicators[new as usize].canonical
                            ));
                        }
                    }
                    word.mask |= mask;
                    word.entry = word.entry.or(entry);
                }
                None => {
                    index.insert(folded.clone(), words.len());
                    words.push(Word { len, mask, entry });
                    patterns.push(folded);
                }
            }
            Ok(())
        };
        for (i, d) in indicators.iter().enumerate() {
            for a in std::iter::once(&*d.canonical).chain(d.aliases.iter().map(String::as_str)) {
                add(a, NAME_BIT, Some(i as u32))?;
            }
        }
        for (g, list) in cues.iter().enumerate() {
            for w in list {
                add(w, 1 << g, None)?;
            }
        }
        // A char-wise automaton: a step per char, not per byte (Chinese text is three bytes a
        // char), for the scan of every paragraph with figures.
        let ac = CharwiseDoubleArrayAhoCorasick::new(&patterns).map_err(|e| e.to_string())?;
        let spans_sentences = patterns.iter().any(|w| w.chars().any(is_sentence_end));
        Ok(Lexicon {
            indicators,
            cues,
            words,
            index,
            ac,
            spans_sentences,
        })
    }

    /// This lexicon with a user file's aliases, indicators and cues added.
    pub fn extended(&self, user: &UserLexicon) -> Result<Lexicon, LexiconError> {
        let mut indicators = self.indicators.clone();
        let mut cues = self.cues.clone();
        for ((d, has_class), &(line, column)) in user.parsed.iter().zip(&user.places) {
            let err = |problem: String| LexiconError {
                line,
                column,
                problem,
            };
            match indicators.iter_mut().find(|e| e.canonical == d.canonical) {
                Some(e) => {
                    if *has_class && e.class != d.class {
                        return Err(err(format!(
                            "{} is a built-in indicator; its class cannot change",
                            d.canonical
                        )));
                    }
                    e.aliases.extend(d.aliases.iter().cloned());
                }
                None if !has_class => {
                    return Err(err(format!(
                        "new indicator {} needs a \"class\" (money, rate, index, grain, jobs or energy)",
                        d.canonical
                    )))
                }
                None => indicators.push(d.clone()),
            }
        }
        for (g, list) in &user.cues {
            cues[*g as usize].extend(list.iter().cloned());
        }
        let first = user.places.first().copied().unwrap_or((1, 1));
        Lexicon::build(indicators, cues).map_err(|problem| LexiconError {
            line: first.0,
            column: first.1,
            problem,
        })
    }

    /// The indicators, in file order.
    pub fn indicators(&self) -> &[IndicatorDef] {
        &self.indicators
    }

    /// The words of a cue group, as written.
    pub fn cues(&self, g: Group) -> &[String] {
        &self.cues[g as usize]
    }

    /// Whether `text` contains a word of group `g` (for short texts such as section titles).
    pub fn mentions(&self, g: Group, text: &str) -> bool {
        self.cues(g).iter().any(|w| text.contains(w.as_str()))
    }

    /// Every canonical name and alias.
    pub fn indicator_words(&self) -> impl Iterator<Item = &str> {
        self.indicators.iter().flat_map(|e| {
            std::iter::once(&*e.canonical).chain(e.aliases.iter().map(String::as_str))
        })
    }

    /// The indicator a whole name is (after folding), e.g. one composed from a `、` list: the
    /// word that is the whole name, if it names an indicator (looked up, not scanned for).
    pub fn lookup(&self, name: &str) -> Option<usize> {
        let w = &self.words[*self.index.get(&crate::fold::fold(name))?];
        if w.mask & NAME_BIT != 0 {
            w.entry.map(|e| e as usize)
        } else {
            None
        }
    }
}

fn builtin_parsed() -> Result<Lexicon, String> {
    let p = parse_file(BUILTIN_JSON).map_err(|e| e.to_string())?;
    let mut cues = vec![Vec::new(); Group::ALL.len()];
    for (g, list) in p.cues {
        cues[g as usize] = list;
    }
    Lexicon::build(p.indicators.into_iter().map(|(d, _)| d).collect(), cues)
}

static BUILTIN: LazyLock<Lexicon> = LazyLock::new(|| {
    // Our own compiled-in file, checked by `builtin_lexicon_is_valid`.
    builtin_parsed().expect("the built-in lexicon.json is valid")
});

static ACTIVE: OnceLock<Lexicon> = OnceLock::new();

/// The built-in lexicon (`lexicon.json`).
pub fn builtin() -> &'static Lexicon {
    &BUILTIN
}

/// Make `lex` the lexicon [`super::extract`] uses, for the life of the process. Call it early,
/// before the first extraction; returns `false` (and changes nothing) when one was already set.
pub fn install(lex: Lexicon) -> bool {
    ACTIVE.set(lex).is_ok()
}

/// The lexicon in use: the installed one, else the built-in.
pub fn active() -> &'static Lexicon {
    ACTIVE.get().unwrap_or(&BUILTIN)
}

/// One match of the scan: start, length (chars), groups, indicator.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: u32,
    len: u32,
    mask: Mask,
    entry: Option<u32>,
}

/// The words of one text: every lexicon word found in one pass, by start and by end.
pub struct Scan<'a> {
    lex: &'a Lexicon,
    /// Sorted by start, longest first.
    by_start: Vec<Hit>,
    /// Index into `by_start` of the first hit starting at each char (len + 1 entries).
    start_at: Vec<u32>,
    /// Indices into `by_start`, sorted by end, longest first.
    by_end: Vec<u32>,
    end_at: Vec<u32>,
}

impl<'a> Scan<'a> {
    /// Scan folded `chars` once.
    pub fn new(lex: &'a Lexicon, chars: &[char]) -> Scan<'a> {
        let text: String = chars.iter().collect();
        Scan::of_text(lex, &text)
    }

    /// Scan folded `text` once (the string of the chars later questions index into).
    pub fn of_text(lex: &'a Lexicon, text: &str) -> Scan<'a> {
        let mut hits = Vec::new();
        let n = hits_in(lex, text, 0, &mut hits);
        Scan::of_hits(lex, hits, n as usize)
    }

    /// Scan only the sentences of folded `text` (whose chars are `f`) holding one of the chars
    /// `at` (ascending), as [`Scan::of_text`] would find them there. What is asked about a
    /// figure lies in its own sentence (its name, the cues before it, the goal noun after it:
    /// no question reads across a `。`, `!` or `?`), and over the corpus half the chars of a
    /// paragraph with figures are in sentences without any. A lexicon with a word holding a
    /// sentence end (a user's) scans the whole text.
    pub fn of_sentences(lex: &'a Lexicon, text: &str, f: &[char], at: &[usize]) -> Scan<'a> {
        if lex.spans_sentences {
            return Scan::of_text(lex, text);
        }
        let mut hits = Vec::new();
        // The sentence being read: its first char and byte; the piece scanned last.
        let (mut s, mut sb, mut b) = (0usize, 0usize, 0usize);
        let mut piece: Option<(usize, usize, usize)> = None;
        let mut k = 0;
        let scan = |(from, to, first): (usize, usize, usize), hits: &mut Vec<Hit>| {
            if let Some(t) = text.get(from..to) {
                hits_in(lex, t, first as u32, hits);
            }
        };
        for (i, &c) in f.iter().enumerate() {
            b += c.len_utf8();
            if !is_sentence_end(c) && i + 1 < f.len() {
                continue;
            }
            while k < at.len() && at[k] < s {
                k += 1;
            }
            if at.get(k).is_some_and(|&a| a <= i) {
                // Sentences in a row are one piece (no word crosses their ends).
                piece = match piece {
                    Some((from, to, first)) if to == sb => Some((from, b, first)),
                    Some(done) => {
                        scan(done, &mut hits);
                        Some((sb, b, s))
                    }
                    None => Some((sb, b, s)),
                };
            }
            (s, sb) = (i + 1, b);
        }
        if b != text.len() {
            // Not the chars of `text`: the whole of it, as asked.
            return Scan::of_text(lex, text);
        }
        if let Some(done) = piece {
            scan(done, &mut hits);
        }
        Scan::of_hits(lex, hits, f.len())
    }

    /// The scan of a text of `n` chars with these hits (by end, as the automaton finds them).
    fn of_hits(lex: &'a Lexicon, hits: Vec<Hit>, n: usize) -> Scan<'a> {
        // By start, longest first (ties in the order found), by a counting sort: a text has
        // many hits and few at each char.
        let (order, start_at) = bucket_order(n, &hits, |h| h.start);
        let by_start: Vec<Hit> = order.iter().map(|&i| hits[i as usize]).collect();
        // Indices into `by_start` by end, longest first (ties in `by_start` order).
        let (by_end, end_at) = bucket_order(n, &by_start, |h| h.start + h.len);
        Scan {
            lex,
            by_start,
            start_at,
            by_end,
            end_at,
        }
    }

    /// The lexicon scanned with.
    pub fn lexicon(&self) -> &'a Lexicon {
        self.lex
    }

    /// Every word found: (start, groups, length), by start, longest first.
    pub fn hits(&self) -> impl Iterator<Item = (usize, Mask, usize)> + '_ {
        self.by_start
            .iter()
            .map(|h| (h.start as usize, h.mask, h.len as usize))
    }

    fn starting(&self, at: usize) -> &[Hit] {
        match (self.start_at.get(at), self.start_at.get(at + 1)) {
            (Some(&a), Some(&b)) => &self.by_start[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The longest word of any of `mask`'s groups starting at `at` and ending by `limit`: its
    /// mask and length.
    pub fn at(&self, mask: Mask, at: usize, limit: usize) -> Option<(Mask, usize)> {
        self.starting(at)
            .iter()
            .find(|h| h.mask & mask != 0 && at + h.len as usize <= limit)
            .map(|h| (h.mask, h.len as usize))
    }

    /// Every word of `mask`'s groups starting at `at`, longest first: (mask, length).
    pub fn all_at(&self, mask: Mask, at: usize) -> impl Iterator<Item = (Mask, usize)> + '_ {
        self.starting(at)
            .iter()
            .filter(move |h| h.mask & mask != 0)
            .map(|h| (h.mask, h.len as usize))
    }

    /// The longest word of `mask`'s groups ending at `end` and starting at or after `floor`.
    pub fn ending(&self, mask: Mask, floor: usize, end: usize) -> Option<(Mask, usize)> {
        let (Some(&a), Some(&b)) = (self.end_at.get(end), self.end_at.get(end + 1)) else {
            return None;
        };
        self.by_end[a as usize..b as usize]
            .iter()
            .map(|&i| self.by_start[i as usize])
            .find(|h| h.mask & mask != 0 && h.start as usize >= floor)
            .map(|h| (h.mask, h.len as usize))
    }

    /// Every word of `mask`'s groups ending at `end` and starting at or after `floor`, longest
    /// first: (mask, length).
    pub fn all_ending(
        &self,
        mask: Mask,
        floor: usize,
        end: usize,
    ) -> impl Iterator<Item = (Mask, usize)> + '_ {
        let range = match (self.end_at.get(end), self.end_at.get(end + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        self.by_end[range]
            .iter()
            .map(|&i| self.by_start[i as usize])
            .filter(move |h| h.mask & mask != 0 && h.start as usize >= floor)
            .map(|h| (h.mask, h.len as usize))
    }

    /// Whether a word of `mask`'s groups lies wholly inside `[from, to)`.
    pub fn within(&self, mask: Mask, from: usize, to: usize) -> bool {
        (from..to).any(|i| {
            self.starting(i)
                .iter()
                .any(|h| h.mask & mask != 0 && i + h.len as usize <= to)
        })
    }

    /// The longest indicator name starting at `at`: (indicator index, length).
    pub fn name_at(&self, at: usize) -> Option<(usize, usize)> {
        self.starting(at)
            .iter()
            .find(|h| h.mask & NAME_BIT != 0)
            .and_then(|h| Some((h.entry? as usize, h.len as usize)))
    }
}

/// The chars ending a sentence, folded. No lexicon word of the built-in file holds one.
fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '!' | '?')
}

/// Append the hits of `lex`'s words in `text` (folded), placed from char `first` on, in the
/// automaton's order; the chars of `text`.
fn hits_in(lex: &Lexicon, text: &str, first: u32, hits: &mut Vec<Hit>) -> u32 {
    // Chars of a piece between match ends (always char boundaries), counted by std a word at
    // a time.
    let chars_in = |from: usize, to: usize| text.get(from..to).map_or(0, |t| t.chars().count());
    // The chars up to the end of each hit, counted on from the last hit's end: overlapping
    // matches come by end, so each byte is counted once.
    let (mut at, mut chars_before) = (0usize, 0u32);
    hits.extend(lex.ac.find_overlapping_iter(text).map(|m| {
        let w = &lex.words[m.value() as usize];
        if m.end() < at {
            (at, chars_before) = (0, 0);
        }
        chars_before += chars_in(at, m.end()) as u32;
        at = m.end();
        Hit {
            start: first + chars_before - w.len,
            len: w.len,
            mask: w.mask,
            entry: w.entry,
        }
    }));
    chars_before + chars_in(at, text.len()) as u32
}

/// A stable sort of `hits` by `key` (a char position, at most `n`), longest first among equal
/// keys: the order as indices into `hits`, and [`offsets`] of the keys. The same order as
/// `sort_by_key(|h| (key(h), Reverse(h.len)))` of the indices, in linear time.
fn bucket_order(n: usize, hits: &[Hit], key: impl Fn(&Hit) -> u32) -> (Vec<u32>, Vec<u32>) {
    let offs = offsets(n, hits.iter().map(|h| key(h) as usize));
    let mut next = offs.clone();
    let mut order = vec![0u32; hits.len()];
    for (i, h) in hits.iter().enumerate() {
        let p = (key(h) as usize).min(n);
        order[next[p] as usize] = i as u32;
        next[p] += 1;
    }
    for w in offs.windows(2) {
        let bucket = &mut order[w[0] as usize..w[1] as usize];
        if bucket.len() > 1 {
            bucket.sort_by_key(|&i| std::cmp::Reverse(hits[i as usize].len));
        }
    }
    (order, offs)
}

/// Prefix offsets: for each position `p` in `0..=n`, the index of the first item at `p`.
fn offsets(n: usize, positions: impl Iterator<Item = usize>) -> Vec<u32> {
    let mut counts = vec![0u32; n + 2];
    for p in positions {
        counts[p.min(n) + 1] += 1;
    }
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    counts
}

/// Mask of several groups.
pub const fn mask(groups: &[Group]) -> Mask {
    let mut m = 0;
    let mut i = 0;
    while i < groups.len() {
        m |= groups[i].bit();
        i += 1;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word of the lexicon in `chars`, each found by comparing at every char: (start,
    /// groups, length), by start, longest first.
    fn words_by_chars(lex: &Lexicon, chars: &[char]) -> Vec<(usize, Mask, usize)> {
        let mut out = Vec::new();
        for start in 0..chars.len() {
            let mut here: Vec<(usize, Mask, usize)> = lex
                .index
                .iter()
                .filter(|(w, _)| {
                    let mut it = chars[start..].iter();
                    w.chars().all(|c| it.next() == Some(&c))
                })
                .map(|(w, &k)| (start, lex.words[k].mask, w.chars().count()))
                .collect();
            here.sort_by_key(|&(_, _, n)| std::cmp::Reverse(n));
            out.extend(here);
        }
        out
    }

    proptest::proptest! {
        /// A scan finds every word at the char it starts, whatever the width of the chars
        /// before it (one to four bytes each).
        #[test]
        fn a_scan_finds_every_word_at_its_char(
            v in proptest::collection::vec(proptest::sample::select(vec![
                "增长", "增", "长", "的", "年", "、", "gdp", "a", "5", "%", "𠀀", "é", "预计", "目标",
                "地区生产总值", "生产总值", "总值", "预期目标", "左右", "了", " ",
            ]), 0..40),
        ) {
            let text = crate::fold::fold(&v.concat());
            let chars: Vec<char> = text.chars().collect();
            let lex = builtin();
            let got: Vec<_> = Scan::of_text(lex, &text).hits().collect();
            proptest::prop_assert_eq!(got, words_by_chars(lex, &chars));
        }
    }

    /// `lookup` as it was: a scan of the name, its longest indicator name at the start, kept
    /// when it is the whole name.
    fn lookup_by_scan(lex: &Lexicon, name: &str) -> Option<usize> {
        let chars: Vec<char> = crate::fold::fold(name).chars().collect();
        let scan = Scan::new(lex, &chars);
        scan.name_at(0)
            .filter(|&(_, n)| n == chars.len())
            .map(|(e, _)| e)
    }

    #[test]
    fn lookup_finds_what_a_scan_of_the_name_finds() {
        let lex = builtin();
        let mut names: Vec<String> = lex.indicator_words().map(String::from).collect();
        // Cue words, names with more or less around them, full-width forms, the empty name.
        names.extend(lex.cues.iter().flatten().cloned());
        let more: Vec<String> = names
            .iter()
            .take(400)
            .flat_map(|n| {
                [
                    format!("全市{n}"),
                    format!("{n}增长"),
                    n.chars().skip(1).collect(),
                ]
            })
            .collect();
        names.extend(more);
        names.extend(["ＧＤＰ", "gdp", "", "城镇居民人均可支配收入", "农村"].map(String::from));
        let mut found = 0;
        for n in &names {
            let want = lookup_by_scan(lex, n);
            assert_eq!(lex.lookup(n), want, "{n}");
            found += usize::from(want.is_some());
        }
        assert!(found > 100, "the names are found ({found})");
    }

    proptest::proptest! {
        /// The counting sort orders hits as a stable sort by (key, longest first) does.
        #[test]
        fn bucket_order_is_a_stable_sort(
            v in proptest::collection::vec((0u32..20, 1u32..5, 0u64..4), 0..60),
        ) {
            let hits: Vec<Hit> = v
                .iter()
                .map(|&(start, len, mask)| Hit { start, len, mask, entry: None })
                .collect();
            let n = 24;
            for key in [|h: &Hit| h.start, |h: &Hit| h.start + h.len] {
                let mut want: Vec<u32> = (0..hits.len() as u32).collect();
                want.sort_by_key(|&i| {
                    let h = hits[i as usize];
                    (key(&h), std::cmp::Reverse(h.len))
                });
                let (got, offs) = bucket_order(n, &hits, key);
                proptest::prop_assert_eq!(got, want);
                proptest::prop_assert_eq!(offs, offsets(n, hits.iter().map(|h| key(h) as usize)));
            }
        }
    }

    fn chars(s: &str) -> Vec<char> {
        crate::fold::fold(s).chars().collect()
    }

    #[test]
    fn builtin_lexicon_is_valid() {
        let lex = builtin_parsed().expect("lexicon.json builds");
        assert!(lex.indicators().len() >= 29);
        for (g, key) in Group::ALL {
            assert_eq!(g.key(), key);
            assert!(!lex.cues(g).is_empty(), "empty cue group {key}");
        }
    }

    /// Every word of every group is found as itself, whole, at its start: no word of a group
    /// hides a longer word of the same group, whatever the order the file lists them in.
    #[test]
    fn no_cue_shadows_a_longer_one() {
        let lex = builtin();
        for (g, _) in Group::ALL {
            for w in lex.cues(g) {
                let c = chars(w);
                let scan = Scan::new(lex, &c);
                assert_eq!(
                    scan.at(g.bit(), 0, c.len()).map(|x| x.1),
                    Some(c.len()),
                    "{w} in {}",
                    g.key()
                );
                assert_eq!(scan.ending(g.bit(), 0, c.len()).map(|x| x.1), Some(c.len()));
            }
        }
        for (i, d) in lex.indicators().iter().enumerate() {
            for a in &d.aliases {
                assert_eq!(lex.lookup(a), Some(i), "{a}");
            }
        }
        // The case that a first-in-list-order match got wrong.
        let c = chars("同比增5%");
        let scan = Scan::new(lex, &c);
        assert_eq!(
            scan.at(Group::Filler.bit(), 0, c.len()).map(|x| x.1),
            Some(3)
        );
        assert_eq!(
            scan.at(Group::Growth.bit(), 0, c.len()).map(|x| x.1),
            Some(3)
        );
    }

    #[test]
    fn lookups_by_start_end_and_inside() {
        let lex = builtin();
        let c = chars("全县规上工业增加值比上年增长");
        let scan = Scan::new(lex, &c);
        assert_eq!(scan.name_at(2).map(|x| x.1), Some(7));
        assert_eq!(scan.ending(Group::Scope.bit(), 0, 2).map(|x| x.1), Some(2));
        assert!(scan.within(Group::Basis.bit(), 9, 14));
        assert!(!scan.within(Group::Basis.bit(), 9, 11));
    }

    #[test]
    fn user_files_add_aliases_and_indicators() {
        let user = parse(
            r#"{"indicators": [
                {"canonical": "城镇新增就业", "aliases": ["新增城镇就业人员"]},
                {"canonical": "税收收入", "class": "money", "aliases": ["税收总收入"]}
            ], "cues": {"filler": ["之际"]}}"#,
        )
        .unwrap();
        let lex = builtin().extended(&user).unwrap();
        let jobs = lex.lookup("新增城镇就业人员").unwrap();
        assert_eq!(lex.indicators()[jobs].canonical.as_ref(), "城镇新增就业");
        let tax = lex.lookup("税收总收入").unwrap();
        assert_eq!(lex.indicators()[tax].canonical.as_ref(), "税收收入");
        assert_eq!(lex.indicators()[tax].class, Class::Money);
        assert!(lex.cues(Group::Filler).iter().any(|w| w == "之际"));
        // The built-in lexicon is unchanged.
        assert_eq!(builtin().lookup("税收总收入"), None);
    }

    #[test]
    fn invalid_files_say_where_and_what() {
        let e =
            parse("{\n  \"indicators\": [\n    {\"canonical\": \"x\", \"aliases\": [1]}\n  ]\n}")
                .unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        let e = parse("{\"indicators\": [],\n \"cue\": {}}").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.problem.contains("unknown field"), "{e}");
        let e = parse("{\"cues\": {\n \"fillers\": [\"之际\"]}}").unwrap_err();
        assert_eq!((e.line, e.column), (2, 2), "{e}");
        assert!(e.problem.contains("unknown cue group"), "{e}");
        let e = parse("{\"indicators\": [{\"canonical\": \"税收\", \"class\": \"cash\"}]}")
            .unwrap_err();
        assert!(e.problem.contains("unknown class"), "{e}");
        // Valid syntax, but a new indicator without a class, or an alias taken by another.
        let u =
            parse("{\"indicators\": [\n{\"canonical\": \"税收收入\", \"aliases\": [\"税收\"]}]}")
                .unwrap();
        let e = builtin().extended(&u).unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.problem.contains("class"), "{e}");
        let u = parse("{\"indicators\": [{\"canonical\": \"粮食产量\", \"aliases\": [\"GDP\"]}]}")
            .unwrap();
        let e = builtin().extended(&u).unwrap_err();
        assert!(e.problem.contains("names both"), "{e}");
        assert_eq!(
            e.to_string(),
            format!("{}:{}: {}", e.line, e.column, e.problem)
        );
    }
}
