//! `baogao grep`: paragraphs matching a query across reports.
//!
//! Files are loaded and searched in parallel, one report at a time (a report is dropped as soon as
//! its hits are taken), and printed in input order. Text output is ripgrep's: on a terminal, hits
//! grouped under a `path › 一、… › (一)…` heading as `LINE:text` fitted to the width; piped,
//! `path:LINE:text` lines with the whole paragraph (what editors and `vim -q` read). LINE is the
//! file line the paragraph starts on; formats without lines of their own (HTML, docx, PDF, a
//! report in a CSV cell) print the paragraph's number as `¶N` instead. JSON is the contract
//! `[{"report", "section", "paragraph", "text", "matches", "line"}]`. Exit status as grep: 0 some
//! match, 1 none, 2 error (bad query, nothing loaded).
//!
//! Loading (decoding, cleaning, outlining) costs ~50× more than searching, so each file's
//! searchable form is kept in a cache ([`cache`]) and reused while the file and the program are
//! unchanged; the search always runs on that form ([`doc`]), cached or fresh, so output is the same
//! either way. A file is cached from the second run that meets it ([`admit`]): a one-off search
//! costs what `--no-cache` costs.

mod admit;
mod cache;
mod doc;
mod encoded;
mod encoding_tables;
mod fit;
mod prefilter;

use super::LoadArgs;
use baogao_core::load::{Input, LoadOptions};
use baogao_core::search::Query;
use baogao_core::LoadError;
use clap::{Args, ValueEnum};
use doc::ReportHits;
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrepFormat {
    Text,
    Json,
    /// JSON lines: one hit (or, with --count, one report) a line, written as files are searched.
    Jsonl,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug)]
#[command(after_help = baogao_core::search::QUERY_HELP)]
pub struct GrepArgs {
    #[arg(long, value_enum, default_value_t = GrepFormat::Text)]
    pub format: GrepFormat,
    /// Word mode: cut each term into words (jieba); a paragraph matches when it has them all.
    #[arg(long, short = 'w')]
    pub words: bool,
    /// Print the number of matching paragraphs per report instead.
    #[arg(long, short = 'c')]
    pub count: bool,
    /// Print only the names of the files with a match, one a line.
    #[arg(long, short = 'l', conflicts_with_all = ["count", "format"])]
    pub files_with_matches: bool,
    /// Print N paragraphs before and after each match (text output; `-` instead of `:` marks
    /// them, `--` separates groups).
    #[arg(long, short = 'C', value_name = "N", default_value_t = 0)]
    pub context: usize,
    /// Group matches under `path › section` headings (the default on a terminal).
    #[arg(long, overrides_with = "no_heading")]
    pub heading: bool,
    /// One `path:LINE:text` line per match (the default when piped).
    #[arg(long, overrides_with = "heading")]
    pub no_heading: bool,
    /// Colour the matches: `auto` on a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Do not use the cache of loaded files. The cache (in $BAOGAO_CACHE_DIR/grep, else
    /// ~/.cache/baogao/grep) lets later searches of unchanged files skip loading them; it is
    /// safe to delete.
    #[arg(long)]
    pub no_cache: bool,
    /// The query (see below); it may start with `-` (`"-疫情 发展"`).
    #[arg(allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub load: LoadArgs,
    /// Report files or directories (`-` reads stdin).
    #[arg(required = true)]
    pub paths: Vec<String>,
}

#[derive(Serialize)]
struct JsonHit<'a> {
    report: &'a str,
    section: &'a [std::borrow::Cow<'a, str>],
    paragraph: usize,
    text: &'a str,
    matches: &'a [(usize, usize)],
    /// The file line the paragraph starts on; `null` for formats without lines.
    line: Option<u32>,
}

#[derive(Serialize)]
struct JsonCount<'a> {
    report: &'a str,
    count: usize,
}

/// The query as an error message quotes it: a long one (a pasted paragraph, a generated list of
/// thousands of ORs) is cut to its start and its length, as the error gives a position anyway.
fn shown_query(q: &str) -> String {
    const SHOWN: usize = 40;
    let n = q.chars().count();
    if n <= SHOWN {
        return format!("{q:?}");
    }
    let start: String = q.chars().take(SHOWN).collect();
    format!("{:?} ({n} chars)", start + "…")
}

pub fn run(args: GrepArgs) -> anyhow::Result<ExitCode> {
    let query = match Query::parse(&args.query, args.words) {
        Ok(q) => q,
        Err(e) => {
            super::warn(format_args!("bad query {}: {e}", shown_query(&args.query)));
            return Ok(ExitCode::from(2));
        }
    };
    // grep prints file lines, and no metadata (its cache entries hold none).
    let opts = baogao_core::LoadOptions {
        source_lines: true,
        meta: false,
        ..args.load.options()
    };
    let inputs = baogao_core::load::expand(&args.paths);
    super::warn_empty_dirs(&args.paths, &inputs);
    let context = if args.format == GrepFormat::Text {
        args.context
    } else {
        0
    };
    let cache = if args.no_cache { None } else { cache::open() };
    let seen = cache.as_ref().map(admit::Seen::load);
    let prefilter = prefilter::Prefilter::new(&query);
    let terminal = std::io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let layout = Layout {
        format: args.format,
        count: args.count,
        files: args.files_with_matches,
        color,
        heading: if args.heading || args.no_heading {
            args.heading
        } else {
            terminal
        },
        grouped: context > 0,
        width: terminal
            .then(|| crossterm::terminal::size().ok())
            .flatten()
            .map(|(w, _)| usize::from(w)),
    };
    // Piped: written in big blocks (a reader is woken for each). On a terminal: each report as
    // soon as it is found, as ripgrep writes a line at a time there.
    let mut out = std::io::BufWriter::with_capacity(64 << 10, std::io::stdout().lock());
    let mut printer = Printer {
        layout: &layout,
        rows: 0,
        reports: 0,
        last_file: None,
    };
    let mut loaded = 0;
    let mut failed = 0;
    let mut written: std::io::Result<()> = Ok(());
    let ask = Ask {
        query: &query,
        context,
        layout: &layout,
    };
    let search = |input: &Input| {
        search_input(
            input,
            &opts,
            cache.as_ref().zip(seen.as_ref()),
            Some(&prefilter),
            &ask,
        )
    };
    super::stream::ordered(&inputs, search, |found| {
        // One input's reports (a CSV's rows) are one file for `-l`.
        printer.last_file = None;
        for r in found {
            match r {
                Ok(h) => {
                    loaded += 1;
                    if h.count > 0 {
                        written = printer.report(&mut out, &h);
                        if terminal && written.is_ok() {
                            written = out.flush();
                        }
                    }
                }
                Err(e) => {
                    failed += 1;
                    super::warn(e);
                }
            }
            if written.is_err() {
                return false;
            }
        }
        true
    });
    if let (Some(c), Some(s)) = (&cache, &seen) {
        s.save(c);
    }
    if loaded == 0 && written.is_ok() {
        super::warn("no report loaded");
        return Ok(ExitCode::from(2));
    }
    match written
        .and_then(|_| printer.finish(&mut out))
        .and_then(|_| out.flush())
    {
        Ok(()) => {}
        // A closed pipe (`| head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(e.into()),
    }
    // As ripgrep: an error wins over found/not found (the matches are still printed).
    Ok(ExitCode::from(if failed > 0 {
        2
    } else if printer.reports == 0 {
        1
    } else {
        0
    }))
}

/// How hits are printed: fixed for the run, so each report's output is formatted on the worker
/// thread that searched it ([`Layout::show`]). Formatted on the printing thread, it was serial
/// work there, and freeing the hits' many strings there contended for the allocator with the
/// worker that had made them.
struct Layout {
    format: GrepFormat,
    count: bool,
    /// `-l`: file names only.
    files: bool,
    color: bool,
    /// Text: `path › section` headings (else `path:LINE:` on every line).
    heading: bool,
    /// Text with context: `--` between groups of paragraphs.
    grouped: bool,
    /// The terminal's width, when printing to one: snippets are fitted to it.
    width: Option<usize>,
}

/// One report's output, formatted ([`Layout::show`]): all the printer adds is what depends on
/// the reports before it (a separator, the JSON array's punctuation, `-l`'s repeated names).
struct Shown {
    source: String,
    count: usize,
    /// Text: the report's lines, without the separator a report after the first gets; JSON:
    /// its rows joined by `,\n`; JSON lines: its lines.
    body: Vec<u8>,
    /// JSON rows in `body`.
    rows: usize,
}

/// Prints reports' output as it comes, in input order: JSON as one array with one compact
/// object per line (valid JSON, and easy to `grep`).
struct Printer<'a> {
    layout: &'a Layout,
    /// The file name `-l` printed for the current input (a CSV's rows are reports of one file).
    last_file: Option<String>,
    /// JSON rows written so far.
    rows: usize,
    /// Reports with hits printed so far.
    reports: usize,
}

impl Layout {
    /// What the search gives of each hit for this layout: counts only for `-c` and `-l`; the
    /// hits' text, with their section titles for JSON and their headings for text with
    /// headings.
    fn print(&self) -> doc::Print {
        if self.count || self.files {
            return doc::Print::Count;
        }
        let text = self.format == GrepFormat::Text;
        doc::Print::Hits {
            titles: !text,
            headings: text && self.heading,
        }
    }

    /// A report's output (nothing for `-l` or a report without hits).
    fn show(&self, r: ReportHits) -> Shown {
        let mut body = Vec::new();
        let mut rows = 0;
        if !self.files && r.count > 0 {
            // Writing to a Vec cannot fail.
            let _ = self.write(&mut body, &r, &mut rows);
        }
        Shown {
            source: r.source,
            count: r.count,
            body,
            rows,
        }
    }

    fn write(&self, out: &mut Vec<u8>, r: &ReportHits, rows: &mut usize) -> std::io::Result<()> {
        match (self.format, self.count) {
            (GrepFormat::Json | GrepFormat::Jsonl, true) => self.json_row(
                out,
                rows,
                &JsonCount {
                    report: &r.source,
                    count: r.count,
                },
            ),
            (GrepFormat::Json | GrepFormat::Jsonl, false) => r.hits.iter().try_for_each(|h| {
                self.json_row(
                    out,
                    rows,
                    &JsonHit {
                        report: &r.source,
                        section: &h.titles,
                        paragraph: h.paragraph,
                        text: &h.text,
                        matches: &baogao_core::search::char_spans(h.text.as_bytes(), &h.spans),
                        line: h.line,
                    },
                )
            }),
            (GrepFormat::Text, true) => writeln!(
                out,
                "{}:{}",
                paint(&clean(&r.source), PATH, self.color),
                r.count
            ),
            (GrepFormat::Text, false) => self.text(out, r),
        }
    }

    /// A JSON row: JSON lines end each; the array's rows are parted by `,\n`.
    fn json_row<T: Serialize>(
        &self,
        out: &mut Vec<u8>,
        rows: &mut usize,
        row: &T,
    ) -> std::io::Result<()> {
        if self.format == GrepFormat::Json && *rows > 0 {
            out.extend_from_slice(b",\n");
        }
        baogao_core::sanitize::json::to_writer(&mut *out, row)?;
        if self.format == GrepFormat::Jsonl {
            out.push(b'\n');
        }
        *rows += 1;
        Ok(())
    }
}

impl Printer<'_> {
    fn report(&mut self, out: &mut impl Write, r: &Shown) -> std::io::Result<()> {
        let first = self.reports == 0;
        self.reports += 1;
        let layout = self.layout;
        if layout.files {
            let file = file_of(&r.source);
            if self.last_file.as_deref() == Some(file) {
                return Ok(());
            }
            self.last_file = Some(file.to_string());
            return writeln!(out, "{}", paint(&clean(file), PATH, layout.color));
        }
        match layout.format {
            GrepFormat::Json if r.rows > 0 => {
                out.write_all(if self.rows == 0 { b"[\n" } else { b",\n" })?;
                self.rows += r.rows;
            }
            // What parts reports: a blank line before a heading, `--` between groups.
            GrepFormat::Text if !layout.count && !first => {
                if layout.heading {
                    writeln!(out)?;
                } else if layout.grouped {
                    writeln!(out, "--")?;
                }
            }
            _ => {}
        }
        out.write_all(&r.body)
    }

    /// Close what the format needs closed (the JSON array, `[]` when empty).
    fn finish(&mut self, out: &mut impl Write) -> std::io::Result<()> {
        match self.layout.format {
            GrepFormat::Json if self.rows == 0 => writeln!(out, "[]"),
            GrepFormat::Json => writeln!(out, "\n]"),
            GrepFormat::Text | GrepFormat::Jsonl => Ok(()),
        }
    }
}

/// Search one input: from its cache entry when there is a current one, else loaded (and then
/// cached, if an earlier run met it: see [`admit`]). Either way the search runs on the [`doc`]
/// form.
fn search_input(
    input: &Input,
    opts: &LoadOptions,
    cache: Option<(&crate::cache::Store, &admit::Seen)>,
    prefilter: Option<&prefilter::Prefilter>,
    ask: &Ask,
) -> Vec<Result<Shown, LoadError>> {
    let name = input.name();
    // Met for the first time (see `admit`): searched as with `--no-cache`, without looking for
    // an entry, and cached from the next run on.
    let cache = cache
        .filter(|(_, seen)| match input {
            Input::File(p) => {
                crate::cache::absolute(Path::new(p)).is_ok_and(|k| seen.second_sight(&k))
            }
            Input::Stdin => false,
        })
        .map(|(c, _)| c);
    // An entry whose signature says the query cannot match is passed over after reading its
    // first few kilobytes (with the prefilter's answer: no hits).
    let passed_over = |prefix: &[u8], _: &crate::cache::Probe| {
        doc::cannot_match(prefix, ask.query).then(|| vec![no_hits(name)])
    };
    let found =
        crate::cache::lookup_peeking(cache, input, opts, (doc::PEEK, passed_over), |e, p| {
            search_cached(e, p, name, ask)
        });
    let (bytes, ident) = match found {
        Ok(crate::cache::Lookup::Hit(hits, _)) => return hits.into_iter().map(Ok).collect(),
        Ok(crate::cache::Lookup::Miss(bytes, ident)) => (bytes, ident),
        Err(e) => return vec![Err(e)],
    };
    // A file met before is loaded and cached whatever the prefilter says: from its entry every
    // later search costs less than the prefilter's look at the file's bytes (a third of a warm
    // search's work went to the files that had never matched and so had no entry).
    let cached_next = cache.is_some() && ident.is_some();
    if !cached_next && prefilter.is_some_and(|f| !f.may_match(name, &bytes)) {
        // Cannot match: counted as loaded, with no hits, and never decoded.
        return vec![Ok(no_hits(name))];
    }
    // Line numbers are only printed: a count that is not cached needs none (matching paragraphs
    // back to file lines is a fifth of loading).
    let counting = LoadOptions {
        source_lines: false,
        ..opts.clone()
    };
    let opts = if ask.layout.print() != doc::Print::Count || (cache.is_some() && ident.is_some()) {
        opts
    } else {
        &counting
    };
    let loaded = baogao_core::load::load_bytes_with(name, &bytes, opts);
    let ident = ident.map(|i| i.keyed(&bytes));
    drop(bytes);
    let (reports, errors): (Vec<_>, Vec<_>) = loaded.into_iter().partition(|r| r.is_ok());
    let reports: Vec<baogao_core::Report> = reports.into_iter().flatten().collect();
    // Sources are stored relative to the name (`""`, or `#3` for a CSV row).
    let suffixes: Option<Vec<&str>> = reports
        .iter()
        .map(|r| r.source.strip_prefix(name))
        .collect();
    let key = ident.as_ref().map_or_else(String::new, |(p, _)| {
        p.key_path.to_string_lossy().into_owned()
    });
    let store = match (cache, &ident) {
        (Some(c), Some((p, content)))
            if errors.is_empty()
                && suffixes.is_some()
                && doc::fits(&reports)
                && p.key_path.to_str() == Some(key.as_str()) =>
        {
            Some((c, p, content))
        }
        _ => None,
    };
    // Only a stored entry needs a signature (a search of the file now reads all of it anyway).
    let p1 = doc::encode(&key, &reports, suffixes.as_deref(), store.is_some());
    if let Some((c, p, content)) = store {
        c.put(p, *content, &p1);
    }
    let mut out: Vec<Result<Shown, LoadError>> = match doc::parse(&p1) {
        Some((_, views)) => views.iter().map(|v| Ok(ask.shown(v, name))).collect(),
        None => Vec::new(),
    };
    out.extend(errors.into_iter().filter_map(Result::err).map(Err));
    out
}

/// A file that cannot match, without looking at its reports: one `Shown` with no hits (which
/// prints nothing, and counts as loaded).
fn no_hits(name: &str) -> Shown {
    Shown {
        source: name.to_string(),
        count: 0,
        body: Vec::new(),
        rows: 0,
    }
}

/// Search a file's current cache entry (if it is the file's: the path is stored in it).
fn search_cached(
    entry: crate::cache::Entry,
    probe: &crate::cache::Probe,
    name: &str,
    ask: &Ask,
) -> Option<Vec<Shown>> {
    let (path, views) = doc::parse(entry.body())?;
    if Path::new(&path) != probe.key_path {
        return None;
    }
    Some(views.iter().map(|v| ask.shown(v, name)).collect())
}

/// What is asked of each report, and how its hits are printed.
struct Ask<'a> {
    query: &'a Query,
    /// Paragraphs printed before and after each hit.
    context: usize,
    layout: &'a Layout,
}

impl Ask<'_> {
    /// One report of a parsed entry, searched and formatted while the entry, which its hits
    /// borrow their text from, is at hand (its source is stored after the file's `name`).
    fn shown(&self, view: &doc::ReportView, name: &str) -> Shown {
        let mut h = view.search(self.query, self.layout.print(), self.context);
        h.source = format!("{name}{}", h.source);
        self.layout.show(h)
    }
}

/// For the `cache` fuzz target: arbitrary bytes as a cache entry, through what reading one does
/// (header decoding, the signature's check, part 1 parsing, a search printing paragraph texts,
/// as text with headings and fitted to a terminal, and as JSON). The first four bytes give part
/// 1's length, so the fuzzer reaches the parser without forging checksums.
#[doc(hidden)]
pub fn fuzz_entry(bytes: &[u8]) {
    let _ = crate::cache::Header::decode(bytes);
    let Some((len, rest)) = bytes.split_first_chunk::<4>() else {
        return;
    };
    let p1 = &rest[..(u32::from_le_bytes(*len) as usize).min(rest.len())];
    let layout = |format, width| Layout {
        format,
        count: false,
        files: false,
        color: true,
        heading: true,
        grouped: true,
        width,
    };
    let layouts = [
        layout(GrepFormat::Text, Some(40)),
        layout(GrepFormat::Text, None),
        layout(GrepFormat::Json, None),
    ];
    let Ok(q) = Query::parse("增长 -下降", false) else {
        return;
    };
    let _ = doc::cannot_match(p1, &q);
    if let Some((_, views)) = doc::parse(p1) {
        for v in &views {
            for l in &layouts {
                let _ = l.show(v.search(&q, doc::Print::ALL, 1));
            }
        }
    }
}

const PATH: &str = "\x1b[35m";
const NUMBER: &str = "\x1b[32m";
const MATCH: &str = "\x1b[1;31m";
const RESET: &str = "\x1b[0m";

fn paint(s: &str, style: &str, color: bool) -> String {
    if color {
        format!("{style}{s}{RESET}")
    } else {
        s.to_string()
    }
}

/// Nothing from a file name or a report reaches the terminal as a control character.
fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    baogao_core::sanitize::visible(s)
}

/// The file a report came from: a CSV row's source (`t.csv#3`) without its row.
fn file_of(source: &str) -> &str {
    match source.rsplit_once('#') {
        Some((file, row))
            if !row.is_empty()
                && row.bytes().all(|b| b.is_ascii_digit())
                && file.to_ascii_lowercase().ends_with(".csv") =>
        {
            file
        }
        _ => source,
    }
}

/// Where a paragraph is, as printed: the file line it starts on, else `¶N` (its number from 1)
/// for formats without lines — never a bare number an editor would take for a line.
fn place(h: &doc::Found) -> String {
    match h.line {
        Some(l) => l.to_string(),
        None => format!("¶{}", h.paragraph + 1),
    }
}

impl Layout {
    /// One report's hits (and context paragraphs) as text. With headings: a `path › section`
    /// line whenever the section changes, a blank line before each heading but the report's
    /// first (the printer parts reports). Without: `path:LINE:` on every line. Context lines
    /// have `-` where hits have `:`; `--` parts groups that are not adjacent.
    fn text(&self, out: &mut impl Write, r: &ReportHits) -> std::io::Result<()> {
        let mut first = true;
        let mut items: Vec<(&doc::Found, bool)> = r
            .hits
            .iter()
            .map(|h| (h, true))
            .chain(r.context.iter().map(|c| (c, false)))
            .collect();
        items.sort_by_key(|(f, _)| f.paragraph);
        let path = paint(&clean(&r.source), PATH, self.color);
        let mut last_heading: Option<&[String]> = None;
        let mut last_para: Option<usize> = None;
        for (h, is_hit) in items {
            // Groups: ripgrep's `--` between them, also between files without headings.
            let gap = last_para.is_none_or(|p| h.paragraph > p + 1);
            if self.grouped && gap && last_para.is_some() {
                writeln!(out, "--")?;
            }
            last_para = Some(h.paragraph);
            let sep = if is_hit { ':' } else { '-' };
            let place = place(h);
            let number = paint(&place, NUMBER, self.color);
            if !self.heading {
                first = false;
                let prefix = || format!("{}{sep}{place}{sep}", clean(&r.source)).width();
                let text = self.snippet(&h.text, &h.spans, prefix);
                writeln!(out, "{path}{sep}{number}{sep}{text}")?;
                continue;
            }
            if last_heading != Some(h.heading.as_slice()) {
                // A blank line parts headings, unless a `--` just did.
                let separated = self.grouped && gap && last_heading.is_some();
                if !first && !separated {
                    writeln!(out)?;
                }
                first = false;
                let mut line = path.clone();
                for piece in &h.heading {
                    line.push_str(" › ");
                    line.push_str(&clean(piece));
                }
                writeln!(out, "{line}")?;
                last_heading = Some(&h.heading);
            }
            let text = self.snippet(&h.text, &h.spans, || place.width() + 1);
            writeln!(out, "{number}{sep}{text}")?;
        }
        Ok(())
    }

    /// The paragraph with its matches coloured: whole when piped, fitted to the terminal's
    /// width (less the `prefix` cells, measured only then) on one.
    fn snippet(
        &self,
        text: &str,
        spans: &[(usize, usize)],
        prefix: impl FnOnce() -> usize,
    ) -> String {
        let budget = self.width.map(|w| w.saturating_sub(prefix()).max(MIN_FIT));
        snippet(text, spans, self.color, budget)
    }
}

/// Fitted snippets get at least this many cells, however long the prefix.
const MIN_FIT: usize = 20;

/// The paragraph, or (with a `budget` of cells) the part around its first match that fits, with
/// the matches coloured and `…` where text was left out. `spans` are byte ranges of the text (the
/// search's, sorted and apart); each printed piece goes through `clean`.
fn snippet(text: &str, spans: &[(usize, usize)], color: bool, budget: Option<usize>) -> String {
    // An offset as a char boundary of the text (the search's always are; a damaged entry's text
    // read lossily may not be).
    let boundary = |b: usize| {
        let mut b = b.min(text.len());
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        b
    };
    // Only fitting needs the chars one by one; otherwise the pieces are slices of the text.
    let (a, b, cut) = match budget {
        Some(w) => {
            let chars: Vec<char> = text.chars().collect();
            let by_chars = baogao_core::search::char_spans(text.as_bytes(), spans);
            let (a, b) = fit::window(&chars, &by_chars, w);
            let byte_of = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(i, _)| i);
            (byte_of(a), byte_of(b), b < chars.len())
        }
        None => (0, text.len(), false),
    };
    let mut out = String::new();
    if a > 0 {
        out.push('…');
    }
    let mut at = a;
    for &(s, e) in spans.iter().filter(|&&(s, e)| e > a && s < b) {
        let (s, e) = (boundary(s.max(at)), boundary(e.min(b)));
        if s < at {
            continue;
        }
        out.push_str(&clean(&text[at..s]));
        if s < e {
            out.push_str(&paint(&clean(&text[s..e]), MATCH, color));
            at = e;
        } else {
            at = s;
        }
    }
    out.push_str(&clean(&text[at..b]));
    if cut {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The snippet as it was made: char by char.
    fn snippet_by_chars(
        text: &str,
        spans: &[(usize, usize)],
        color: bool,
        budget: Option<usize>,
    ) -> String {
        // Spans are char offsets into the text as stored; each printed piece goes through `clean`.
        let chars: Vec<char> = text.chars().collect();
        let (a, b) = match budget {
            Some(w) => fit::window(&chars, spans, w),
            None => (0, chars.len()),
        };
        let mut out = String::new();
        if a > 0 {
            out.push('…');
        }
        let mut i = a;
        let mut spans = spans.iter().peekable();
        while i < b {
            while spans.next_if(|s| s.1 <= i).is_some() {}
            match spans.peek() {
                Some(&&(s, e)) if s <= i => {
                    let end = e.min(b);
                    let m: String = chars[i..end].iter().collect();
                    out.push_str(&paint(&clean(&m), MATCH, color));
                    i = end;
                }
                Some(&&(s, _)) => {
                    let end = s.min(b);
                    out.push_str(&clean(&chars[i..end].iter().collect::<String>()));
                    i = end;
                }
                None => {
                    out.push_str(&clean(&chars[i..b].iter().collect::<String>()));
                    i = b;
                }
            }
        }
        if b < chars.len() {
            out.push('…');
        }
        out
    }

    proptest::proptest! {
        /// Made of slices of the text, the snippet is the one made char by char, fitted or
        /// not, with spans anywhere (sorted and apart, as the search gives them).
        #[test]
        fn snippets_are_the_char_by_char_ones(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                '乡', '村', '，', 'a', ' ', '\u{1b}', '𠀀', '\t', 'Ｇ',
            ]), 0..80),
            cuts in proptest::collection::btree_set(0usize..90, 0..8),
            color in proptest::bool::ANY,
            budget in proptest::option::of(0usize..60),
        ) {
            let text: String = chars.into_iter().collect();
            let cuts: Vec<usize> = cuts.into_iter().collect();
            let spans: Vec<(usize, usize)> = cuts.chunks_exact(2).map(|p| (p[0], p[1])).collect();
            proptest::prop_assert_eq!(
                snippet(&text, &byte_spans(&text, &spans), color, budget),
                snippet_by_chars(&text, &spans, color, budget)
            );
        }
    }

    /// Char spans of `text` as the byte spans the search gives (past the end: the end).
    fn byte_spans(text: &str, spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
        let at = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(i, _)| i);
        spans.iter().map(|&(s, e)| (at(s), at(e))).collect()
    }

    #[test]
    fn short_paragraphs_are_whole_with_matches_marked() {
        let text = "推进乡村振兴，发展产业。";
        let s = snippet(text, &byte_spans(text, &[(2, 6), (9, 11)]), true, None);
        assert_eq!(
            s,
            format!("推进{MATCH}乡村振兴{RESET}，发展{MATCH}产业{RESET}。")
        );
        assert_eq!(
            snippet("推进乡村振兴。", &[(6, 18)], false, None),
            "推进乡村振兴。"
        );
    }

    #[test]
    fn long_paragraphs_are_whole_when_piped_and_fitted_on_a_terminal() {
        let text = format!("{}乡村振兴{}", "甲".repeat(100), "乙".repeat(100));
        let spans = byte_spans(&text, &[(100, 104)]);
        assert_eq!(snippet(&text, &spans, false, None), text);
        let s = snippet(&text, &spans, true, Some(40));
        assert!(s.contains(&format!("{MATCH}乡村振兴{RESET}")));
        assert!(s.starts_with('…') && s.ends_with('…'));
        let plain = snippet(&text, &spans, false, Some(40));
        assert_eq!(plain.width(), 40);
    }

    #[test]
    fn only_a_csv_row_loses_its_row_number() {
        assert_eq!(file_of("d/r.csv#12"), "d/r.csv");
        assert_eq!(file_of("d/r.CSV#1"), "d/r.CSV");
        assert_eq!(file_of("d/a#12"), "d/a#12");
        assert_eq!(file_of("d/r.csv#x"), "d/r.csv#x");
    }

    /// Spans off the text's char boundaries (a damaged entry's text, read lossily) are moved
    /// back onto them, never sliced through.
    #[test]
    fn spans_off_char_boundaries_do_not_break_a_snippet() {
        assert_eq!(snippet("乡村", &[(1, 4), (9, 12)], false, None), "乡村");
        let s = snippet("乡村", &[(1, 4)], true, Some(30));
        assert_eq!(s, format!("{MATCH}乡{RESET}村"));
    }

    #[test]
    fn control_chars_never_reach_the_terminal() {
        assert_eq!(clean("a\u{1b}[31mb\u{202e}c"), "a\\e[31mb\\u{202e}c");
        assert_eq!(
            snippet("x\u{1b}]0;t\u{7}乡村", &[(7, 13)], false, None),
            "x\\e]0;t\\x07乡村"
        );
    }
}
