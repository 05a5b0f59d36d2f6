//! Mentions: names bound to their figures inside one paragraph.
//!
//! A paragraph is cut into segments at `。` `;` `!` `?`. In a segment, names (vocabulary hits,
//! `、` lists with a shared head, `城乡居民…`) and figures are read in order. A name opens a
//! subject; the figures after it belong to it while the text between them is only cue words
//! (`实现`, `同比增长`, `按可比价计算` …). Any other text opens a new, unnamed subject, so a
//! figure is never given to a name it does not follow closely. `分别` lists are dealt out in
//! order to the names before them (or to the last rows, for `其中` sub-items).

use super::cues::{self, contains, ends_with_at, is_punct, only_fillers, starts_with_at};
use super::lexicon::{mask, Group, Mask, Scan};
use super::names::{self, guess_name, is_segment_end};
use super::number::Figure;
use super::vocab::{self, Class};

/// A change figure, signed.
#[derive(Debug, Clone, PartialEq)]
pub struct RawChange {
    pub value: Option<f64>,
    pub masked: bool,
    pub unit: String,
    pub basis: Option<String>,
    pub qualifier: Option<&'static str>,
    pub start: usize,
    pub end: usize,
    /// The upper end of a range (signed like `value`).
    pub high: Option<f64>,
}

/// A level figure with the qualifier written before or after it.
#[derive(Debug, Clone, PartialEq)]
pub struct RawLevel {
    pub figure: Figure,
    pub qualifier: Option<&'static str>,
    pub milestone: bool,
}

/// One row before kind and section are known. Positions are char indices in the paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    pub name: String,
    pub entry: Option<usize>,
    pub name_start: usize,
    pub level: Option<RawLevel>,
    pub change: Option<RawChange>,
    /// Bounds of the 。/;-segment holding the row.
    pub segment: (usize, usize),
}

impl RawRow {
    /// Char index of the first figure of the row.
    pub fn first_figure(&self) -> usize {
        let a = self.level.as_ref().map(|l| l.figure.start);
        let b = self.change.as_ref().map(|c| c.start);
        match (a, b) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => self.name_start,
        }
    }

    fn has_figure(&self) -> bool {
        self.level.is_some() || self.change.is_some()
    }

    fn class(&self, sc: &Scan) -> Option<Class> {
        self.entry.map(|e| sc.lexicon().indicators()[e].class)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Role {
    Level,
    Change {
        negative: bool,
        basis: Option<String>,
    },
    Skip,
}

/// The rows of one paragraph (folded chars and display chars of the same text) with its
/// figures ([`super::number::scan`]; a paragraph without figures has no rows and need not be
/// scanned for words). `place` is the report's own place (`温泉镇`), when known: other places'
/// figures are not its indicators.
pub fn parse_paragraph(
    sc: &Scan,
    f: &[char],
    d: &[char],
    figs: &[Figure],
    place: Option<&str>,
) -> Vec<RawRow> {
    if figs.is_empty() {
        return Vec::new();
    }
    let hits = vocab::find_all(sc, f);
    let mut out = Vec::new();
    let mut start = 0;
    let mut fi = 0;
    let mut hi = 0;
    while start < f.len() {
        let mut end = start;
        while end < f.len() && !is_segment_end(f[end]) {
            end += 1;
        }
        let fs = fi;
        while fi < figs.len() && figs[fi].start < end {
            fi += 1;
        }
        let hs = hi;
        while hi < hits.len() && hits[hi].start < end {
            hi += 1;
        }
        if fi > fs {
            parse_segment(
                sc,
                f,
                d,
                place,
                (start, end),
                &figs[fs..fi],
                &hits[hs..hi],
                &mut out,
            );
        }
        start = end + 1;
    }
    name_parts_after_whole(sc, f, &mut out);
    drop_figures_inside_names(f, d, &mut out);
    out
}

/// `实施投资千万元以上工业项目138个`, `引进超10亿元项目34个`: a threshold (a figure with
/// `以上`/`以下` after it or `超` before it) written inside the name of another row of its segment
/// says which things that row counts (projects of over ten million yuan); it is not a figure of
/// its own. Only a best-effort level with no change goes, and only when the other row's name is
/// the text itself around it (a name taken from elsewhere covers nothing). A figure that is not
/// a threshold stays, even inside a name (`投资775.6万元为170所…`: a name run on too far).
fn drop_figures_inside_names(f: &[char], d: &[char], rows: &mut Vec<RawRow>) {
    let spans: Vec<(usize, usize, (usize, usize))> = rows
        .iter()
        .filter_map(|o| {
            let n = o.name.chars().count();
            let end = o.name_start + n;
            let is_text = |t: &[char]| {
                t.get(o.name_start..end)
                    .is_some_and(|t| t.iter().copied().eq(o.name.chars()))
            };
            (n > 0 && (is_text(f) || is_text(d))).then_some((o.name_start, end, o.segment))
        })
        .collect();
    rows.retain(|r| {
        let Some(l) = r.level.as_ref().filter(|l| {
            r.entry.is_none()
                && r.change.is_none()
                && (matches!(l.figure.qualifier, Some("以上" | "以下"))
                    || l.qualifier == Some("超过"))
        }) else {
            return true;
        };
        !spans
            .iter()
            .any(|&(s, e, seg)| seg == r.segment && s <= l.figure.start && l.figure.end <= e)
    });
}

/// `居民人均可支配收入32568元，其中城镇居民41235元`: a part named after `其中` by its group
/// alone, in the whole's unit, takes the whole's head when that makes a vocabulary name
/// (`城镇居民` + `人均可支配收入`).
fn name_parts_after_whole(sc: &Scan, f: &[char], rows: &mut [RawRow]) {
    let lex = sc.lexicon();
    let unit = |r: &RawRow| r.level.as_ref().and_then(|l| l.figure.unit.clone());
    // Rows named here are parts, never a whole for the parts after them.
    let mut part = vec![false; rows.len()];
    for i in 1..rows.len() {
        if rows[i].entry.is_some() || rows[i].name.is_empty() || rows[i].name.chars().count() > 8 {
            continue;
        }
        // The nearest row before it in its segment that names a vocabulary whole.
        let Some(w) = (0..i)
            .rev()
            .take_while(|&j| rows[j].segment == rows[i].segment)
            .find(|&j| rows[j].entry.is_some() && !part[j])
        else {
            continue;
        };
        let between = (rows[w].first_figure()..rows[i].name_start.min(f.len()))
            .any(|k| super::cues::starts_with_at(f, k, "其中"));
        if !between || unit(&rows[w]).is_none() || unit(&rows[w]) != unit(&rows[i]) {
            continue;
        }
        let whole: Vec<char> = rows[w].name.chars().collect();
        let named = (1..whole.len()).find_map(|k| {
            let head: String = whole[k..].iter().collect();
            let n = format!("{}{head}", rows[i].name);
            lex.lookup(&n).map(|e| (n, e))
        });
        if let Some((n, e)) = named {
            rows[i].name = n;
            rows[i].entry = Some(e);
            part[i] = true;
        }
    }
}

/// `培育8个特色小镇和3个田园综合体`: a count joined by a conjunction to a count before it (whose
/// figure is in the text `f[pos..at]` its name would be taken from) is the next item of a list:
/// it names what it counts, not the item before it.
fn coordinated(f: &[char], pos: usize, at: usize) -> bool {
    let before = &f[pos.min(at)..at];
    let end = before.iter().rposition(|&c| c != ' ').map_or(0, |k| k + 1);
    let conjunction = matches!(before[..end].last(), Some('和' | '与' | '及' | '、'));
    conjunction && before[..end].iter().any(char::is_ascii_digit)
}

/// Leading qualifiers and milestone cues at the end of the text `f[gap]` before a figure.
fn leading(sc: &Scan, f: &[char], gap: Gap) -> (Option<&'static str>, bool) {
    let (from, mut end) = gap;
    while end > from && f[end - 1] == ' ' {
        end -= 1;
    }
    let g = &f[from..end];
    // A bound written before the figure is the closed qualifier it means (`不低于5%` is `5%以上`,
    // `不超过3%` is `3%以内`, `突破1000亿元` is past it): a row's qualifier is one word of the
    // contract's closed set. The longest bound ending there (`不超过`, not `超过`).
    let q = sc.ending(Group::BOUNDS_MASK, from, end).and_then(|(m, _)| {
        let &(_, q) = Group::BOUNDS.iter().find(|(b, _)| m & b.bit() != 0)?;
        // `最近` is recent, not near.
        (q != "近" || !ends_with_at(g, g.len(), "最近")).then_some(q)
    });
    while end > from && (f[end - 1] == '了' || is_punct(f[end - 1])) {
        end -= 1;
    }
    let milestone = sc.ending(Group::Milestone.bit(), from, end).is_some();
    (q, milestone)
}

/// Whether the text before a figure ends with `由` / `从`, allowing a year between
/// (`从2015年的2.6万亿元增长到…`).
fn opens_from(g: &[char]) -> bool {
    let mut e = g.len();
    loop {
        while e > 0 && matches!(g[e - 1], ' ' | '的' | '底' | '末') {
            e -= 1;
        }
        if e > 0 && g[e - 1] == '年' {
            let mut k = e - 1;
            while k > 0 && (g[k - 1].is_ascii_digit() || g[k - 1] == 'x') {
                k -= 1;
            }
            if k < e - 1 {
                e = k;
                continue;
            }
        }
        break;
    }
    e > 0 && matches!(g[e - 1], '由' | '从')
}

/// Whether a gap names a date of its own (`,到2030年达到`, `,三年内达到`): what follows is of
/// that year.
fn dated(f: &[char], (from, to): Gap) -> bool {
    (from..to).any(|i| {
        f[i] == '到'
            && f.get(i + 1..i + 5)
                .is_some_and(|y| y.iter().all(|c| c.is_ascii_digit()))
            && f.get(i + 5) == Some(&'年')
    }) || super::period::names_years_ahead(f, from, to)
}

/// Whether `f[from..to]` names one year by deixis (`今年`, `明年`, `全年`).
fn names_a_year(f: &[char], from: usize, to: usize) -> bool {
    let w = &f[from..to];
    ["今年", "明年", "全年"].iter().any(|y| contains(w, y))
}

/// Whether the figure ending at `end` is followed by a goal noun (`6%的目标`, `5%的预期目标`,
/// `5%目标任务`): the figure states a goal, not an outcome.
pub(super) fn goal_after(sc: &Scan, f: &[char], end: usize) -> bool {
    let mut i = end;
    while f.get(i) == Some(&' ') {
        i += 1;
    }
    if f.get(i) == Some(&'的') {
        i += 1;
    }
    sc.at(Group::GoalNoun.bit(), i, f.len()).is_some()
}

/// Whether a `%` figure reads as a share or completion rate in its context.
fn is_share(sc: &Scan, f: &[char], (from, to): Gap, fig: &Figure) -> bool {
    let gap = &f[from..to];
    if !matches!(fig.unit.as_deref(), Some("%" | "‰")) {
        return false;
    }
    let mut g = gap;
    while g.last().is_some_and(|c| *c == ' ') {
        g = &g[..g.len() - 1];
    }
    if g.last() == Some(&'的') {
        return true;
    }
    sc.within(Group::Share.bit(), from, to)
}

/// A comparative right before what it measures against, in the clause of a figure
/// (`增速高于全省平均水平0.5个百分点`, `比全国高1.2个百分点`, `超过预期目标2个百分点`): the figure is a
/// difference from another place or a goal, not the subject's own level or change. A clause
/// before (`税电指数高于全省平均水平，税占比提高3.5个百分点`) does not count.
fn is_comparison(sc: &Scan, f: &[char], (from, to): Gap) -> bool {
    let mut end = to;
    while end > from && is_punct(f[end - 1]) {
        end -= 1;
    }
    let start = (from..end)
        .rev()
        .find(|&i| is_punct(f[i]))
        .map_or(from, |i| i + 1);
    (start..end).any(|i| {
        sc.all_at(Group::Comparative.bit(), i)
            .any(|(_, n)| sc.at(Group::Reference.bit(), i + n, end).is_some())
    })
}

/// A gap: the char range `[from, to)` of the paragraph between a name (or figure) and a figure.
type Gap = (usize, usize);

fn role_of(
    sc: &Scan,
    f: &[char],
    gap: Gap,
    fig: &Figure,
    class: Option<Class>,
    name: &str,
) -> Role {
    let (from, to) = gap;
    let held = sc.within(Group::Held.bit(), from, to);
    // `5000万元以上的项目`: the figure describes something else. `100亿元的目标`,
    // `3.5%的较低水平` still give the indicator's own figure.
    let own_noun = sc.at(Group::OwnNoun.bit(), fig.end + 1, f.len()).is_some();
    if f.get(fig.end) == Some(&'的') && !held && !own_noun {
        return Role::Skip;
    }
    if is_share(sc, f, gap, fig) || is_comparison(sc, f, gap) {
        return Role::Skip;
    }
    let mut g = &f[from..to];
    while g.last().is_some_and(|c| *c == ' ') {
        g = &g[..g.len() - 1];
    }
    if opens_from(g) {
        return Role::Skip;
    }
    if let Some((pos, n, negative)) = cues::last_change_cue(sc, f, from, to) {
        if fig.is_change_unit() {
            return Role::Change {
                negative,
                basis: cues::basis(sc, f, from, pos + n),
            };
        }
        let level_verb = sc.within(Group::LevelVerb.bit(), pos + n, to);
        return if level_verb { Role::Level } else { Role::Skip };
    }
    if fig.is_change_unit() {
        let rate_name = sc
            .lexicon()
            .cues(Group::RateName)
            .iter()
            .any(|s| name.ends_with(s.as_str()));
        return match class {
            Some(Class::Rate) => Role::Level,
            Some(Class::Index) => Role::Change {
                negative: false,
                basis: None,
            },
            Some(_) if rate_name => Role::Change {
                negative: false,
                basis: None,
            },
            Some(_) => Role::Skip,
            None if fig.unit.as_deref() == Some("%") || fig.unit.as_deref() == Some("‰") => {
                Role::Level
            }
            None => Role::Skip,
        };
    }
    Role::Level
}

/// `均` / `都` meaning "each of them" (not the `均` of `年均`, `人均`, `平均`).
fn says_each(gap: &[char]) -> bool {
    gap.iter().enumerate().any(|(i, &c)| {
        c == '都' || (c == '均' && !(i > 0 && matches!(gap[i - 1], '年' | '人' | '平')))
    })
}

/// Does the gap `[from, to)` before a figure restate a goal (`,力争`, `，确保达到`): a comma,
/// then cue words only, one of them a goal word, none a comparison or a share (`,超出预期目标`,
/// `,力争高于全国`, `,完成目标的`: a difference or a rate of the goal, not the goal again)?
fn restates_goal(sc: &Scan, f: &[char], from: usize, to: usize) -> bool {
    const MEASURED_AGAINST: Mask = mask(&[Group::Comparative, Group::Reference, Group::Share]);
    let Some(comma) = (from..to).find(|&i| f[i] != ' ') else {
        return false;
    };
    let has = |m: Mask| (comma + 1..to).any(|i| sc.at(m, i, to).is_some());
    f[comma] == ','
        && has(Group::Target.bit())
        && !has(MEASURED_AGAINST)
        && only_fillers(sc, f, comma + 1, to)
}

/// Connector-only text between two figures of one list.
fn is_connector(gap: &[char], comma: bool) -> bool {
    let mut i = 0;
    while i < gap.len() {
        let c = gap[i];
        if c == ' ' || c == '、' || c == '和' || c == '与' || c == '及' || (comma && c == ',') {
            i += 1;
        } else if starts_with_at(gap, i, "以及") {
            i += 2;
        } else {
            return false;
        }
    }
    true
}

fn negative_sign(f: &[char], fig: &Figure) -> bool {
    fig.start > 0
        && matches!(f[fig.start - 1], '-' | '−')
        && !(fig.start > 1 && (f[fig.start - 2].is_ascii_digit() || f[fig.start - 2] == '%'))
}

fn make_change(
    sc: &Scan,
    f: &[char],
    fig: &Figure,
    negative: bool,
    basis: Option<String>,
    gap: Gap,
) -> RawChange {
    let sign = if negative != negative_sign(f, fig) {
        -1.0
    } else {
        1.0
    };
    RawChange {
        value: fig.value.map(|v| v * sign),
        masked: fig.masked,
        unit: fig.unit.clone().unwrap_or_default(),
        basis,
        qualifier: fig.qualifier.or(leading(sc, f, gap).0),
        start: fig.start,
        end: fig.end,
        high: fig.high.map(|v| v * sign),
    }
}

fn make_level(sc: &Scan, f: &[char], fig: &Figure, gap: Gap) -> RawLevel {
    let (q, milestone) = leading(sc, f, gap);
    let mut figure = fig.clone();
    if negative_sign(f, fig) {
        figure.value = figure.value.map(|v| -v);
    }
    RawLevel {
        qualifier: fig.qualifier.or(q),
        figure,
        milestone,
    }
}

/// Put a figure into a row; false when the row already has one of that role.
fn assign(sc: &Scan, row: &mut RawRow, f: &[char], fig: &Figure, role: &Role, gap: Gap) -> bool {
    match role {
        Role::Level => {
            let lv = make_level(sc, f, fig, gap);
            match &row.level {
                None => {
                    row.level = Some(lv);
                    true
                }
                Some(old) if old.milestone && !lv.milestone => {
                    row.level = Some(lv);
                    true
                }
                // `100.6亿元,突破百亿大关,增长7.2%`: a round threshold passed by the level the
                // row has; the row keeps its figure and its subject. (A larger one is another
                // amount: `新增97亿元、累计突破600亿元`.)
                Some(old) if lv.milestone && passed(&old.figure, &lv.figure) => true,
                Some(_) => false,
            }
        }
        Role::Change { negative, basis } => {
            if row.change.is_some() {
                return false;
            }
            row.change = Some(make_change(sc, f, fig, *negative, basis.clone(), gap));
            true
        }
        Role::Skip => false,
    }
}

/// Whether `threshold` is no more than `level` in the same kind of unit (`百亿` and
/// `100.6亿元`, `两亿元` and `20001万元`).
fn passed(level: &Figure, threshold: &Figure) -> bool {
    // The unit without its magnitude, and the magnitude.
    fn split(u: &str) -> (f64, &str) {
        for (p, m) in [
            ("万亿", 1e12),
            ("亿", 1e8),
            ("万", 1e4),
            ("千", 1e3),
            ("百", 1e2),
        ] {
            if let Some(rest) = u.strip_prefix(p) {
                return (m, rest);
            }
        }
        (1.0, u)
    }
    let (Some(a), Some(b), Some(ua), Some(ub)) = (
        level.value,
        threshold.value,
        level.unit.as_deref(),
        threshold.unit.as_deref(),
    ) else {
        return false;
    };
    let ((ma, ra), (mb, rb)) = (split(ua), split(ub));
    // `百亿` leaves the unit unsaid: it is the level's.
    (ra == rb || rb.is_empty()) && b * mb <= a * ma
}

/// Whether a row has a figure of `role` already.
fn has_role(row: &RawRow, role: &Role) -> bool {
    match role {
        Role::Level => row.level.is_some(),
        Role::Change { .. } => row.change.is_some(),
        Role::Skip => false,
    }
}

fn level_fits(sc: &Scan, row: &RawRow, fig: &Figure) -> bool {
    match (row.class(sc), fig.unit.as_deref()) {
        (Some(c), Some(u)) => c.accepts_level(u),
        _ => true,
    }
}

/// How many rows back a figure list may look for the rows it belongs to.
const LOOKBACK: usize = 24;

#[allow(clippy::too_many_arguments)]
fn parse_segment(
    sc: &Scan,
    f: &[char],
    d: &[char],
    place: Option<&str>,
    seg: (usize, usize),
    figs: &[Figure],
    hits: &[vocab::Hit],
    out: &mut Vec<RawRow>,
) {
    let (floor, end) = seg;
    let names = names::find_names(sc, f, d, place, floor, end, hits);
    // Drop figures that sit inside a name (both lists are in text order).
    let mut k = 0;
    let figs: Vec<&Figure> = figs
        .iter()
        .filter(|g| {
            while k < names.len() && names[k].end <= g.start {
                k += 1;
            }
            !names[k..]
                .iter()
                .take_while(|n| n.start < g.end)
                .any(|n| g.start < n.end)
        })
        .collect();

    let seg_first_row = out.len();
    let mut group: Vec<usize> = Vec::new();
    let mut prev_end = floor;
    let mut prev_role: Option<Role> = None;
    let mut prev_was_name = false;
    let mut last_name: Option<(usize, String)> = None;
    let mut joint: Option<(String, Option<usize>, usize)> = None;
    let mut ni = 0;
    let mut fi = 0;
    while ni < names.len() || fi < figs.len() {
        let take_name = ni < names.len() && (fi >= figs.len() || names[ni].start < figs[fi].start);
        if take_name {
            let el = &names[ni];
            ni += 1;
            if el.start < prev_end {
                continue;
            }
            let gap = &f[prev_end..el.start];
            // `生产总值(GDP)`: the same indicator again in brackets.
            let same = prev_was_name
                && el.names.len() == 1
                && group.len() == 1
                && out[group[0]].entry.is_some()
                && out[group[0]].entry == el.names[0].1;
            if same && gap.iter().all(|c| *c == '(') && f.get(el.end) == Some(&')') {
                prev_end = el.end + 1;
                continue;
            }
            let rows: Vec<usize> = el
                .names
                .iter()
                .map(|(n, e, pos)| {
                    out.push(RawRow {
                        name: n.clone(),
                        entry: *e,
                        name_start: *pos,
                        level: None,
                        change: None,
                        segment: seg,
                    });
                    out.len() - 1
                })
                .collect();
            if prev_was_name && is_connector(gap, false) {
                group.extend(rows);
                joint = None;
            } else {
                group = rows;
                joint = el.joint.clone();
            }
            last_name = el.names.last().map(|n| (el.end, n.0.clone()));
            prev_end = el.end;
            prev_was_name = true;
            prev_role = None;
            continue;
        }
        let fig = figs[fi];
        fi += 1;
        let gap_from = prev_end.min(fig.start);
        let gap_to = if negative_sign(f, fig) {
            fig.start.saturating_sub(1).max(gap_from)
        } else {
            fig.start
        };
        let span: Gap = (gap_from, gap_to);
        let gap = &f[gap_from..gap_to];
        let head = group.last().map(|&r| &out[r]);
        let class = head.and_then(|r| r.class(sc));
        let hname = head.map(|r| r.name.clone()).unwrap_or_default();
        // Right after a figure (`figs[fi - 2]`: figures are taken in order, `fi` is past this one).
        let after_figure = !prev_was_name && prev_role.is_some();
        // `增长5.5%以上,力争6%`: the same indicator's goal said again at another level.
        let restated = after_figure
            && fi >= 2
            && figs[fi - 2].unit == fig.unit
            && restates_goal(sc, f, gap_from, gap_to);
        let inherited = after_figure && (is_connector(gap, false) || restated);
        let role = if inherited {
            prev_role.clone().unwrap_or(Role::Skip)
        } else {
            role_of(sc, f, span, fig, class, &hname)
        };
        let respectively = contains(gap, "分别");
        // The run of figures a list deals out (`分别增长8%、9%`, `实际增长8.4%和8%`).
        let mut list = vec![fig];
        if role != Role::Skip {
            while fi < figs.len() {
                let g = &f[list.last().map_or(0, |l| l.end).min(figs[fi].start)..figs[fi].start];
                if is_connector(g, respectively) && figs[fi].unit == fig.unit {
                    list.push(figs[fi]);
                    fi += 1;
                } else {
                    break;
                }
            }
        }
        prev_end = list.last().map_or(fig.end, |l| l.end);
        prev_was_name = false;
        prev_role = Some(role.clone());
        if role == Role::Skip {
            // Not the subject's figure (a share, a start value, an increment): a row of its own
            // without a vocabulary name, for `--all`.
            let (mut n, pos) = guess_name(sc, f, d, floor, fig, None);
            if n.is_empty() {
                n = group
                    .last()
                    .map(|&r| out[r].name.clone())
                    .unwrap_or_default();
            }
            push_foreign(sc, out, n, pos, seg, f, fig, &Role::Level, span);
            continue;
        }
        let foreign = !inherited && !only_fillers(sc, f, gap_from, gap_to);
        let fits = |r: &RawRow| role != Role::Level || level_fits(sc, r, fig);
        if !foreign && !group.is_empty() && group.iter().all(|&r| fits(&out[r])) {
            if list.len() > 1 {
                let targets: Vec<usize> = if group.len() == list.len() {
                    group.clone()
                } else if !respectively && group.len() > 1 {
                    Vec::new()
                } else {
                    // The rows before that still lack this figure (`其中` sub-items, or one
                    // row per name before an unmarked list).
                    // Looked for among the last rows only: a list deals to what it follows.
                    let lo = seg_first_row.max(out.len().saturating_sub(LOOKBACK));
                    let mut lacking: Vec<usize> = (lo..out.len())
                        .rev()
                        .filter(|&r| match role {
                            Role::Level => out[r].level.is_none(),
                            _ => out[r].change.is_none() && out[r].has_figure(),
                        })
                        .take(list.len())
                        .collect();
                    lacking.reverse();
                    if lacking.len() == list.len() {
                        lacking
                    } else {
                        vec![*group.last().unwrap_or(&0)]
                    }
                };
                // `分别增长7%和8%左右`: the closing qualifier covers the whole list.
                let closing = list.last().and_then(|l| l.qualifier);
                for (k, g) in list.iter().enumerate() {
                    let mut g = (*g).clone();
                    g.qualifier = g.qualifier.or(closing);
                    let placed = targets
                        .get(k)
                        .is_some_and(|&t| assign(sc, &mut out[t], f, &g, &role, span));
                    if !placed {
                        // Nobody's for sure: its own best-effort row.
                        let (n, pos) = guess_name(sc, f, d, floor, &g, None);
                        push_foreign(sc, out, n, pos, seg, f, &g, &role, span);
                    }
                }
            } else if respectively && group.len() == 1 && goal_after(sc, f, fig.end) {
                // `A增长5.5%,B增长5.3%,完成了分别增长5%的目标`: the goal of each named row of
                // the segment that has a figure of this role, restated after them.
                let named: Vec<usize> = (seg_first_row..out.len())
                    .filter(|&r| out[r].entry.is_some() && has_role(&out[r], &role))
                    .collect();
                for r in named {
                    let (name, entry, pos) = (out[r].name.clone(), out[r].entry, out[r].name_start);
                    let row = push_foreign(sc, out, name, pos, seg, f, fig, &role, span);
                    out[row].entry = entry;
                }
            } else if group.len() > 1 {
                if respectively || says_each(gap) {
                    // `A和B分别增长10%`: each of them.
                    for &r in &group {
                        assign(sc, &mut out[r], f, fig, &role, span);
                    }
                } else if let Some((name, entry, pos)) = joint.take() {
                    // `城乡居民人均可支配收入增长8%`: the joint indicator.
                    let row = push_foreign(sc, out, name, pos, seg, f, fig, &role, span);
                    out[row].entry = entry;
                    group = vec![row];
                }
                // Otherwise one figure for several names: whose is it? Nobody's.
            } else {
                let r = *group.last().unwrap_or(&0);
                if role == Role::Level && out[r].change.is_some() && dated(f, span) {
                    // `增长5%左右,到2030年达到8万亿元`: a level of another date, its own row.
                    let (name, entry, pos) = (out[r].name.clone(), out[r].entry, out[r].name_start);
                    let row = push_foreign(sc, out, name, pos, seg, f, fig, &role, span);
                    out[row].entry = entry;
                    group = vec![row];
                } else if !assign(sc, &mut out[r], f, fig, &role, span) {
                    // A second figure of the same role: its own best-effort row, or the same
                    // indicator's goal said after its figure (`增长6.8%,完成了增长6%的目标`).
                    let (mut n, pos) = guess_name(sc, f, d, floor, fig, None);
                    // `…年均增长6%,今年增长5%`: the same indicator in one year.
                    let one_year = n.is_empty() && names_a_year(f, pos, fig.start);
                    let same = n.is_empty() && (restated || one_year || goal_after(sc, f, fig.end));
                    // `注册企业1.5万余家，21个特色产业集群…`: a count opening a clause of its
                    // own names what it counts; else it is the row's subject again.
                    // So does the next count of a list (`8个特色小镇和3个田园综合体`).
                    let opens = f[pos..fig.start].iter().all(|&c| c == ' ');
                    if !same && ((n.is_empty() && opens) || coordinated(f, pos, fig.start)) {
                        n = names::counted_name(sc, f, d, fig).unwrap_or(n);
                    }
                    if n.is_empty() {
                        n = out[r].name.clone();
                    }
                    let row = push_foreign(sc, out, n, pos, seg, f, fig, &role, span);
                    if same {
                        out[row].entry = out[r].entry;
                    }
                }
            }
            continue;
        }
        // A new subject without a vocabulary name.
        let prev = last_name.as_ref().map(|(e, n)| (*e, n.as_str()));
        let (mut n, pos) = guess_name(sc, f, d, floor, fig, prev);
        // `，1104个贫困村全部出列`: a count that opens a subject of its own names what it counts,
        // as the next count of a list does.
        if n.is_empty() || coordinated(f, pos, fig.start) {
            n = names::counted_name(sc, f, d, fig).unwrap_or(n);
        }
        let row = push_foreign(sc, out, n, pos, seg, f, fig, &role, span);
        group = vec![row];
        for g in list.iter().skip(1) {
            let (mut n, pos) = guess_name(sc, f, d, floor, g, None);
            if n.is_empty() {
                n = out[row].name.clone();
            }
            push_foreign(sc, out, n, pos, seg, f, g, &role, span);
        }
    }
    // Rows without a figure are names that were only mentioned.
    let rows = out.split_off(seg_first_row);
    out.extend(rows.into_iter().filter(RawRow::has_figure));
}

#[allow(clippy::too_many_arguments)]
fn push_foreign(
    sc: &Scan,
    out: &mut Vec<RawRow>,
    name: String,
    pos: usize,
    seg: (usize, usize),
    f: &[char],
    fig: &Figure,
    role: &Role,
    gap: Gap,
) -> usize {
    let mut row = RawRow {
        name,
        entry: None,
        name_start: pos,
        level: None,
        change: None,
        segment: seg,
    };
    assign(sc, &mut row, f, fig, role, gap);
    out.push(row);
    out.len() - 1
}
