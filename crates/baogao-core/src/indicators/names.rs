//! Names in a segment: vocabulary hits with the words before them (scopes keep a name, other
//! modifiers make it a sub-indicator, `占…的` makes it a share), `、`/`分别` lists with a shared
//! head, `城乡…` pairs, and best-effort names for figures outside the vocabulary.
//!
//! A part is never the whole: a sector, sub-area or company word right before a name (the
//! `narrow`, `area` and `company` cue groups: `工业固定资产投资`, `园区新增就业`) makes it a
//! sub-indicator, and jobs are a facility's when the clause just before says it opened
//! (`facility` + `opening`: `商贸中心建成投用，新增就业3000人`) and the name has no scope of its own
//! (amounts after `一批项目建成投产，` are usually the place's, which the projects drove).

use super::cues;
use super::cues::{is_punct, only_fillers, starts_with_at, strip_prefixes};
use super::lexicon::{mask, Group, Mask, Scan};
use super::number::Figure;
use super::vocab;

/// A name found in the text: one vocabulary hit, or the members of a `、` list.
#[derive(Debug, Clone)]
pub(super) struct NameElem {
    pub start: usize,
    pub end: usize,
    pub names: Vec<(String, Option<usize>, usize)>,
    /// The one indicator the names add up to (`城乡居民…` → `居民…`), for a single figure.
    pub joint: Option<(String, Option<usize>, usize)>,
}

pub(super) fn is_segment_end(c: char) -> bool {
    matches!(c, '。' | ';' | '!' | '?' | '；' | '！' | '？' | '\n')
}

/// The names of a segment `[floor, end)`, in text order: `分别` lists first, then single
/// vocabulary hits outside them.
pub(super) fn find_names(
    sc: &Scan,
    f: &[char],
    d: &[char],
    place: Option<&str>,
    floor: usize,
    end: usize,
    hits: &[vocab::Hit],
) -> Vec<NameElem> {
    let lex = sc.lexicon();
    // Names: `分别` lists first, then single vocabulary hits outside them.
    let mut names: Vec<NameElem> = Vec::new();
    let mut i = floor;
    while i + 1 < end {
        if f[i] == '分' && f[i + 1] == '别' {
            if let Some(el) = coordinated(sc, f, d, floor, i) {
                names.push(el);
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    // The lists are in text order: walk them alongside the hits.
    let lists = names.len();
    let mut k = 0;
    for h in hits {
        while k < lists && names[k].end <= h.start {
            k += 1;
        }
        if names[k..lists]
            .iter()
            .take_while(|n| n.start < h.end)
            .any(|n| h.start < n.end)
        {
            continue;
        }
        let name: String = d[h.start..h.end].iter().collect();
        // 城乡居民… names two indicators at once.
        if h.start >= floor + 2 && f[h.start - 2] == '城' && f[h.start - 1] == '乡' {
            let rest: String = f[h.start..h.end].iter().collect();
            let a = format!("城镇{rest}");
            let c = format!("农村{rest}");
            if let (Some(ea), Some(ec)) = (lex.lookup(&a), lex.lookup(&c)) {
                names.push(NameElem {
                    start: h.start - 2,
                    end: h.end,
                    names: vec![(a, Some(ea), h.start - 2), (c, Some(ec), h.start - 2)],
                    joint: Some((format!("城乡{name}"), Some(h.entry), h.start - 2)),
                });
                continue;
            }
        }
        let jobs = lex.indicators()[h.entry].class == vocab::Class::Jobs;
        match prefix_verdict(sc, f, place, floor, h.start, jobs) {
            None => continue,
            Some(true) => names.push(NameElem {
                start: h.start,
                end: h.end,
                names: vec![(written_name(sc, f, d, floor, h), Some(h.entry), h.start)],
                joint: None,
            }),
            Some(false) => {
                let s = run_before(f, floor, h.start);
                let n = strip_prefixes(sc, f, s, h.start) - s;
                // Its last 8 chars (the run before may be a whole clause).
                let pre: String = d[(s + n).saturating_sub(8).max(s)..s + n].iter().collect();
                names.push(NameElem {
                    start: h.start,
                    end: h.end,
                    names: vec![(format!("{pre}{name}"), None, h.start)],
                    joint: None,
                })
            }
        }
    }
    names.sort_by_key(|n| n.start);
    names
}

/// The chars before `at` back to the previous punctuation (or `floor`).
fn run_before(f: &[char], floor: usize, at: usize) -> usize {
    let mut s = at;
    while s > floor && at - s < RUN_MAX && !is_punct(f[s - 1]) && !is_segment_end(f[s - 1]) {
        s -= 1;
    }
    s
}

/// How far back a name's own words are read: names and their scopes are short, and a bound
/// keeps text without punctuation linear.
const RUN_MAX: usize = 24;

/// How far back a `分别` list is read, and how many names it may hold.
const LIST_MAX: usize = 64;
const LIST_NAMES: usize = 12;

const PLACE_SUFFIXES: &[char] = &['镇', '县', '市', '区', '乡', '州', '省', '旗', '村'];

/// Whether the words right before a name keep it the vocabulary's indicator. Returns
/// `None` to drop the name (a share: `占全镇GDP的`), `Some(true)` to keep it, `Some(false)` when
/// a modifier makes it a sub-indicator (`现代服务业增加值`, `36家企业实现…`).
fn prefix_verdict(
    sc: &Scan,
    f: &[char],
    place: Option<&str>,
    floor: usize,
    at: usize,
    jobs: bool,
) -> Option<bool> {
    let s = run_before(f, floor, at);
    let run = &f[s..at];
    let se = strip_prefixes(sc, f, s, at);
    let stripped = &f[s..se];
    if stripped.last() == Some(&'占') {
        return None;
    }
    if stripped.ends_with(&['城', '乡']) {
        return Some(false);
    }
    if stripped.is_empty() {
        // A quoted or listed modifier right before (`“新三样”出口`, `汽车等出口`).
        let quoted =
            run.is_empty() && s > floor && matches!(f[s - 1], '”' | '"' | '」' | '』' | '等');
        // Jobs right after a facility opened are the jobs it brings.
        let brought = jobs && only_verbs(sc, f, s, at) && after_opening(sc, f, floor, s);
        return Some(!quoted && !brought);
    }
    // A sector or part right before the name narrows it (`工业固定资产投资`, `园区新增就业`,
    // `城南物流园区完成固定资产投资`): not the place's whole indicator.
    if sc.ending(NARROWING, s, se).is_some() {
        return Some(false);
    }
    if stripped.last() == Some(&'等') {
        return Some(false);
    }
    let had_verb = sc.within(Group::Verb.bit(), se, at);
    let counted = stripped.iter().any(|c| c.is_ascii_digit() || *c == 'x')
        && stripped
            .iter()
            .any(|c| matches!(c, '家' | '个' | '户' | '项'));
    let company = sc.within(Group::Company.bit(), s, se);
    if counted || company {
        return Some(false);
    }
    // A place name (`温泉镇`, `xx镇`) before the verb or the name; a sub-area (`园区`) is not one.
    let generic = sc.ending(Group::Area.bit(), s, se).is_some();
    let own = place;
    let place = (3..=8).contains(&stripped.len())
        && !generic
        && stripped.last().is_some_and(|c| PLACE_SUFFIXES.contains(c));
    if place {
        return Some(own_place(stripped, own));
    }
    // After a verb, what is left is the clause's own subject (`经济运行…实现`).
    Some(had_verb && stripped.len() > 6)
}

/// Words whose end right before a name makes it a part's: sectors, sub-areas, companies.
const NARROWING: Mask = mask(&[Group::Narrow, Group::Area, Group::Company]);

/// Whether `f[s..at]` holds nothing but verbs (`带动`, `实现`): no scope of its own (`全县`,
/// `全年`) that would make the name the place's.
fn only_verbs(sc: &Scan, f: &[char], s: usize, at: usize) -> bool {
    let mut end = at;
    while end > s {
        if let Some((_, n)) = sc.ending(Group::Verb.bit(), s, end) {
            end -= n;
        } else if cues::ends_with_at(f, end, "带动") || cues::ends_with_at(f, end, "吸纳") {
            end -= 2;
        } else {
            return false;
        }
    }
    true
}

/// How far back the clause before a name is read for a facility that opened.
const OPENING_WINDOW: usize = 32;
/// Words that may stand between a facility and its opening verb (`正式`, `全面`, `顺利`).
const OPENING_GAP: usize = 4;

/// Whether the clause right before the one starting at `s` says a facility or project opened
/// (`城东商贸中心建成投用,新增就业3000人`): the jobs right after are that facility's.
fn after_opening(sc: &Scan, f: &[char], floor: usize, s: usize) -> bool {
    // The clause before: back from the comma before `s` to the previous punctuation.
    if s <= floor || !matches!(f[s - 1], ',' | '，') {
        return false;
    }
    let end = s - 1;
    let mut b = end;
    while b > floor && end - b < OPENING_WINDOW && !matches!(f[b - 1], ',' | '，' | ';' | ':') {
        b -= 1;
    }
    (b..end).any(|i| {
        sc.all_at(Group::Opening.bit(), i).any(|_| {
            (i.saturating_sub(OPENING_GAP).max(b)..=i)
                .any(|k| sc.ending(Group::Facility.bit(), b, k).is_some())
        })
    })
}

/// Whether a place written before a name is the report's own (`涞水县` in 涞水县's report, a
/// masked `xx镇`), not a town, district or city inside it.
fn own_place(written: &[char], report_place: Option<&str>) -> bool {
    let Some(own) = report_place else {
        return true;
    };
    if written.contains(&'x') {
        return true;
    }
    let own = crate::fold::fold(own);
    let w: String = written.iter().collect();
    let stem: String = written.iter().take(2).collect();
    own.contains(&w) || w.contains(&own) || own.starts_with(&stem)
}

/// Names that a `分别` list distributes over: `粮食、蔬菜产量分别…`, `城乡居民人均可支配收入分别…`.
fn coordinated(sc: &Scan, f: &[char], d: &[char], floor: usize, at: usize) -> Option<NameElem> {
    let lex = sc.lexicon();
    // Back from `分别` to the previous punctuation other than `、`.
    let mut s = at;
    let stops =
        |c: char| (is_punct(c) && c != '、') || is_segment_end(c) || c.is_ascii_digit() || c == '%';
    while s > floor && at - s < LIST_MAX && !stops(f[s - 1]) {
        s -= 1;
    }
    let mut e = at;
    // Trailing verbs before 分别 (`…收入实现分别`) are rare; leading scopes are common.
    let mut b = s;
    while let Some((_, n)) = sc
        .all_at(Group::Scope.bit(), b)
        .find(|&(_, n)| b + n < e && f[b] != '、')
    {
        b += n;
    }
    loop {
        while e > b && is_punct(f[e - 1]) {
            e -= 1;
        }
        match sc.ending(Group::ListTail.bit(), b + 1, e) {
            Some((_, n)) => e -= n,
            None => break,
        }
    }
    let text: String = f[b..e].iter().collect();
    // 城乡居民… → 城镇居民…, 农村居民….
    if let Some(rest) = text.strip_prefix("城乡") {
        let a = format!("城镇{rest}");
        let c = format!("农村{rest}");
        if let (Some(ea), Some(ec)) = (lex.lookup(&a), lex.lookup(&c)) {
            return Some(NameElem {
                start: b,
                end: e,
                names: vec![(a, Some(ea), b), (c, Some(ec), b)],
                joint: lex.lookup(rest).map(|j| (text.clone(), Some(j), b)),
            });
        }
    }
    // 一二三产增加值 → 第一、第二、第三产业增加值.
    const THREE: &[&str] = &[
        "第一、二、三产业",
        "一、二、三产业",
        "一二三产业",
        "一二三产",
        "第一二三产业",
        "三次产业",
    ];
    if let Some(p) = THREE.iter().find(|p| text.starts_with(*p)) {
        if text[p.len()..].ends_with("增加值") {
            let names = ["第一产业增加值", "第二产业增加值", "第三产业增加值"]
                .iter()
                .map(|n| (n.to_string(), lex.lookup(n), b))
                .collect();
            return Some(NameElem {
                start: b,
                end: e,
                names,
                joint: None,
            });
        }
    }
    // Split on list separators, keeping each piece's position.
    let mut pieces: Vec<(String, usize)> = Vec::new();
    let mut cur = String::new();
    let mut cur_start = b;
    let mut i = b;
    while i < e {
        let sep = if f[i] == '、' || f[i] == '和' || f[i] == '及' {
            1
        } else if starts_with_at(f, i, "以及") {
            2
        } else {
            0
        };
        if sep > 0 {
            pieces.push((std::mem::take(&mut cur), cur_start));
            i += sep;
            cur_start = i;
        } else {
            cur.push(f[i]);
            i += 1;
        }
    }
    pieces.push((cur, cur_start));
    if pieces.len() < 2
        || pieces.len() > LIST_NAMES
        || pieces
            .iter()
            .any(|(p, _)| p.is_empty() || p.chars().count() > 16)
    {
        return None;
    }
    let last = pieces.last()?.0.clone();
    let last_chars: Vec<char> = last.chars().collect();
    // The shared head: the longest suffix of the last piece that makes the first piece an
    // indicator name, else a known head word.
    let mut head: Option<String> = None;
    if pieces.iter().all(|(p, _)| lex.lookup(p).is_some()) {
        head = Some(String::new());
    } else {
        for k in 1..last_chars.len() {
            let h: String = last_chars[k..].iter().collect();
            let first = &pieces[0].0;
            if !first.ends_with(&h) && lex.lookup(&format!("{first}{h}")).is_some() {
                head = Some(h);
                break;
            }
        }
        if head.is_none() {
            head = lex
                .cues(Group::SharedHead)
                .iter()
                .find(|h| last.ends_with(h.as_str()) && last.chars().count() > h.chars().count())
                .cloned();
        }
    }
    // No shared head: the pieces are whole names of their own (`用水量、能耗、二氧化碳排放分别降低…`),
    // when each is one (two chars or more).
    let head = head.or_else(|| {
        pieces
            .iter()
            .all(|(p, _)| p.chars().count() >= 2)
            .then(String::new)
    })?;
    // Looked up folded, written as the text writes them (`万元GDP用水量`).
    let written = |from: usize, len: usize| d[from..from + len].iter().collect::<String>();
    let head_len = head.chars().count();
    let names = pieces
        .iter()
        .map(|(p, pos)| {
            let len = p.chars().count();
            let (n, shown) = if head.is_empty() || p.ends_with(&head) {
                (p.clone(), written(*pos, len))
            } else {
                (
                    format!("{p}{head}"),
                    written(*pos, len) + &written(e - head_len, head_len),
                )
            };
            (shown, lex.lookup(&n), *pos)
        })
        .collect::<Vec<_>>();
    // Names outside the vocabulary still make a list; their rows carry best-effort names.
    Some(NameElem {
        start: b,
        end: e,
        names,
        joint: None,
    })
}

/// A best-effort name for a figure with no vocabulary name: the words before it in its clause,
/// or, when those only say what was done to a count (`培育100家示范企业`, `对4条主干道`), the
/// thing counted after its unit ([`counted_after`]).
pub(super) fn guess_name(
    sc: &Scan,
    f: &[char],
    d: &[char],
    floor: usize,
    fig: &Figure,
    prev_name_end: Option<(usize, &str)>,
) -> (String, usize) {
    let mut at = fig.start;
    while at > floor && f[at - 1] == ' ' {
        at -= 1;
    }
    let mut s = at;
    while s > floor && at - s < RUN_MAX && !is_punct(f[s - 1]) && !is_segment_end(f[s - 1]) {
        s -= 1;
    }
    // What a count counts, as the name at `pos`.
    let counted = |pos: usize| counted_name(sc, f, d, fig).map(|name| (name, pos));
    // `建成3处停车设施、583个停车泊位`: a count that opens an item of a `、` list names what
    // follows it, as the items before did.
    if s == at && s > floor && f[s - 1] == '、' {
        if let Some(named) = counted(s) {
            return named;
        }
    }
    if only_fillers(sc, f, s, at) {
        // `为200户困难群众`: cue words that also lead an action name what is counted.
        if let Some(named) = (s < at && only_actions(sc, s, at))
            .then(|| counted(s))
            .flatten()
        {
            return named;
        }
        // Nothing but cue words: the caller names it after its subject.
        return (String::new(), s);
    }
    let mut b = s;
    let mut e = at;
    while e > b && f[e - 1] == ' ' {
        e -= 1;
    }
    e = strip_trailing_fillers(sc, f, b, e);
    // Leading scopes and fillers go, then one verb of what was done (`实施重点项目` →
    // `重点项目`; one: `发放救助资金` → `救助资金`, not `资金`; the last: `开展全民健身活动`
    // keeps its `全`), with its `了`, unless it makes the thing an increment (`新增贷款`) or
    // what is left is a unit's measure (`救助人数`, `参与人次`), not a thing.
    loop {
        if sc.at(Group::Bound.bit(), b, e).is_some() {
            break;
        }
        let n = sc
            .at(Group::Scope.bit(), b, f.len())
            .filter(|&(_, n)| n > 1 || f[b] != '年')
            .or_else(|| sc.at(Group::Filler.bit(), b, f.len()))
            .map(|(_, n)| n)
            .filter(|&n| n > 1 || matches!(f[b], '的' | '了') || word_follows(sc, f, b + 1));
        match n {
            Some(n) if b + n < e => b += n,
            Some(_) => break,
            None => {
                if let Some((m, mut n)) = sc.at(Group::Action.bit(), b, f.len()) {
                    if f.get(b + n) == Some(&'了') {
                        n += 1;
                    }
                    let thing = m & Group::Increment.bit() == 0
                        && b + n + 2 <= e
                        && !super::number::is_measure(&f[b + n..e]);
                    if thing {
                        b += n;
                    }
                }
                break;
            }
        }
    }
    // `培育100家示范企业`: the verb says what was done; the firms are what is counted.
    if let Some(named) = (b < e && only_actions(sc, b, e))
        .then(|| counted(b))
        .flatten()
    {
        return named;
    }
    let mut name: String = d[b..e].iter().filter(|c| !c.is_whitespace()).collect();
    if let Some((pe, pn)) = prev_name_end {
        if pe == s {
            name = format!("{pn}{name}");
            return (name, b.saturating_sub(pn.chars().count()));
        }
    }
    (name, b)
}

/// What a count (not a rate) counts, written after its unit ([`counted_after`]).
pub(super) fn counted_name(sc: &Scan, f: &[char], d: &[char], fig: &Figure) -> Option<String> {
    if fig.unit.is_none() || fig.is_change_unit() {
        return None;
    }
    let (cs, ce) = counted_after(sc, f, fig.end)?;
    Some(d[cs..ce].iter().filter(|c| !c.is_whitespace()).collect())
}

/// Whether a word of the lexicon, a figure or punctuation starts at `at`: a one-char cue word
/// before it stands alone (`为企业减负`), and is peeled off a name; before anything else it is
/// more likely the first char of a word the lexicon lacks (`上市企业`, `能源消费`, `全民健身`).
/// (The particles `的` and `了` start no word: they are always peeled.)
fn word_follows(sc: &Scan, f: &[char], at: usize) -> bool {
    f.get(at)
        .is_none_or(|&c| c.is_ascii_digit() || c == 'x' || is_punct(c) || is_segment_end(c))
        || sc.all_at(Mask::MAX, at).next().is_some()
}

/// The groups of words that only say what is done to a count: actions, their leads, and the
/// fillers and scopes around them (`年内至少打造一个`).
const ACTION_RUN: Mask = mask(&[
    Group::Action,
    Group::Lead,
    Group::Manner,
    Group::Filler,
    Group::Scope,
]);

/// Verbs that end the thing counted after a figure.
const COUNTED_END: Mask = mask(&[
    Group::Action,
    Group::Manner,
    Group::Verb,
    Group::LevelVerb,
    Group::Opening,
]);

/// Is `[b, e)` made of [`ACTION_RUN`] words only, and at least one of them an action, a lead or
/// an adverb of manner (not fillers and scopes alone: those name nothing and leave the row to
/// its subject)?
fn only_actions(sc: &Scan, b: usize, e: usize) -> bool {
    let n = e - b;
    if n >= 64 {
        return false;
    }
    const ACTS: Mask = mask(&[Group::Action, Group::Lead, Group::Manner]);
    // reach[k]: `[b, b + k)` is such words; acted[k]: and one of them acts.
    let (mut reach, mut acted) = ([false; 64], [false; 64]);
    reach[0] = true;
    for i in 0..n {
        if !reach[i] {
            continue;
        }
        for (m, len) in sc
            .all_at(ACTION_RUN, b + i)
            .filter(|&(_, len)| i + len <= n)
        {
            reach[i + len] = true;
            acted[i + len] |= acted[i] || m & ACTS != 0;
        }
    }
    reach[n] && acted[n]
}

/// The thing a count counts, written right after its unit (`100家示范企业`, `5000亩以上园区`,
/// `4万亿元的两年投资计划`): the chars from `from` up to the clause's end, a conjunction, the
/// next figure or the next verb (`规上工业企业开展诊断` → `规上工业企业`; not at a word that
/// opens with a conjunction's char: `和美乡村`), less the cue words
/// at its end (`57个村近10万人` → `村`). `None` when fewer than two chars are left or they
/// are cue words only (`左右`). (A figure followed by `级` is a grade, not a figure at all:
/// [`super::number::scan`].)
fn counted_after(sc: &Scan, f: &[char], from: usize) -> Option<(usize, usize)> {
    let mut s = from;
    if f.get(s) == Some(&'的') {
        s += 1;
    }
    let mut e = s;
    while let Some(&c) = f.get(e) {
        let stop = is_punct(c)
            || is_segment_end(c)
            || c.is_ascii_digit()
            // `700元/月`: a unit per another the grammar does not know is not a thing counted.
            || c == '/'
            || (matches!(c, '和' | '与' | '及' | '或' | '等')
                && sc.at(Group::Bound.bit(), e, f.len()).is_none())
            || (e > s && sc.at(COUNTED_END, e, f.len()).is_some());
        if stop || e - s >= RUN_MAX {
            break;
        }
        e += 1;
    }
    if e - s >= RUN_MAX {
        return None;
    }
    let e = strip_trailing_fillers(sc, f, s, e);
    // A copula says what the count is, not what it counts (`300人为高校毕业生`).
    let copula = matches!(f.get(s), Some('为' | '是'));
    (e >= s + 2 && !copula && !only_fillers(sc, f, s, e)).then_some((s, e))
}

/// The start of the longest run of fillers ending at `e` that leaves `[b, start)` non-empty
/// (`比率下降至` → `比率`: `下降` + `至`, although `降至` is the longest filler at the end),
/// never cutting a word of the lexicon in two (`税收占比达到` → `税收占比`, not `税收占` with
/// `比` read as a filler).
fn strip_trailing_fillers(sc: &Scan, f: &[char], b: usize, e: usize) -> usize {
    // reach[k]: `[b + k, e)` is all fillers.
    let mut reach = vec![false; e - b + 1];
    reach[e - b] = true;
    let mut best = e;
    for end in (b + 1..=e).rev() {
        if !reach[end - b] {
            continue;
        }
        // A cut inside a word is no end for the name, but the fillers may go on before it
        // (`同比|增长`: `同比增长` is a word; the name ends before `同比`).
        if end == e || !splits_word(sc, f, b, end) {
            best = end;
        }
        for (_, n) in sc.all_ending(Group::Filler.bit(), b + 1, end) {
            reach[end - n - b] = true;
        }
    }
    best
}

/// Whether a lexicon word starting in `[b, at)` runs across `at` (`占比` across `占|比`): the
/// name cannot end at `at`. Words closed by the particle `的` (`预算的`, a share cue) do not
/// count: `的` never ends a name.
fn splits_word(sc: &Scan, f: &[char], b: usize, at: usize) -> bool {
    (b..at).any(|i| {
        sc.all_at(Mask::MAX, i)
            .any(|(_, n)| i + n > at && f[i + n - 1] != '的')
    })
}

/// The name as written: the alias with size qualifiers (`规上企业研发费用`) but without scopes.
fn written_name(sc: &Scan, f: &[char], d: &[char], floor: usize, h: &vocab::Hit) -> String {
    let s = run_before(f, floor, h.start);
    let b = sc
        .ending(Group::Size.bit(), s, h.start)
        .map_or(h.start, |(_, n)| h.start - n);
    d[b..h.end].iter().collect()
}
