//! PDF evaluation: corpus reports printed to PDF at run time, the two ways reports are commonly
//! exported — a CID font, Identity-H with a ToUnicode map, with `— N —` page footers (fpdf2,
//! as Word and WPS write them) and LibreOffice's export (subset TrueType fonts) — both with an
//! embedded subset of a CJK font, then loaded and compared with the report's text: outline
//! headings and core indicator rows, F1 per generator. No PDF is kept.
//!
//! Needs `soffice` (libreoffice-writer-nogui), `python3` with fpdf2, and fonts-wqy-microhei;
//! `.ci/run` installs them. Exits non-zero below F1 0.95 or when a tool is missing.
//! Usage: `cargo run --release --example eval_pdf [-- -v] [N]` (N reports, default 8).

#[path = "support/compare.rs"]
mod compare;

use compare::{core_rows, headings, print_misses, Counts};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const THRESHOLD: f64 = 0.95;
const FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

const FPDF: &str = r#"
import sys
from fpdf import FPDF
class Pages(FPDF):
    def footer(self):
        self.set_y(-12)
        self.set_font("cjk", size=8)
        self.cell(0, 8, f"— {self.page_no()} —", align="C")
pdf = Pages()
pdf.add_font("cjk", fname=sys.argv[1])
pdf.set_font("cjk", size=11)
pdf.add_page()
for line in open(sys.argv[2], encoding="utf-8"):
    line = line.strip()
    if line:
        pdf.multi_cell(0, 7, "\u3000\u3000" + line, new_x="LMARGIN", new_y="NEXT")
pdf.output(sys.argv[3])
"#;

fn identity_pdf(txt: &Path, out: &Path) -> Result<(), String> {
    let st = Command::new("python3")
        .args(["-c", FPDF, FONT])
        .arg(txt)
        .arg(out)
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    if !st.status.success() {
        return Err(format!(
            "fpdf2 failed: {}",
            String::from_utf8_lossy(&st.stderr)
        ));
    }
    Ok(())
}

fn office_pdf(txt: &Path, dir: &Path) -> Result<PathBuf, String> {
    let st = Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(txt)
        .output()
        .map_err(|e| format!("soffice: {e}"))?;
    let out = txt.with_extension("pdf");
    if !st.status.success() || !out.exists() {
        return Err(format!(
            "soffice failed: {}",
            String::from_utf8_lossy(&st.stderr)
        ));
    }
    Ok(out)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let n: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(8);
    let shared =
        PathBuf::from(std::env::var("BAOGAO_SHARED").unwrap_or_else(|_| "../shared".into()));
    let corpus = shared.join("corpus/real");
    if !corpus.is_dir() {
        eprintln!(
            "eval_pdf: no corpus at {} (set BAOGAO_SHARED)",
            corpus.display()
        );
        return ExitCode::from(2);
    }
    if !Path::new(FONT).exists() {
        eprintln!("eval_pdf: no CJK font at {FONT} (apt-get install fonts-wqy-microhei)");
        return ExitCode::from(2);
    }
    let dir = std::env::temp_dir().join(format!("baogao-eval-pdf-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("eval_pdf: {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    // Reports with an outline to compare, in name order.
    let originals: Vec<baogao_core::Report> = baogao_core::load::load_paths(
        &[corpus.to_string_lossy().into_owned()],
        &Default::default(),
    )
    .into_iter()
    .flatten()
    .filter(|r| headings(r).len() >= 5 && !r.source.ends_with(".csv#1"))
    .take(n)
    .collect();
    let mut ok = originals.len() >= 5;
    let mut totals = [(Counts::default(), Counts::default()); 2];
    for (k, r) in originals.iter().enumerate() {
        let txt = dir.join(format!("r{k}.txt"));
        let body: Vec<&str> = (0..r.paragraphs.len())
            .map(|i| r.paragraph_text(i))
            .collect();
        if let Err(e) = std::fs::write(&txt, body.join("\n")) {
            eprintln!("eval_pdf: {e}");
            return ExitCode::from(2);
        }
        let identity = dir.join(format!("r{k}_identity.pdf"));
        let made = [
            identity_pdf(&txt, &identity).map(|_| identity),
            office_pdf(&txt, &dir),
        ];
        for (g, pdf) in made.into_iter().enumerate() {
            let pdf = match pdf {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("eval_pdf: cannot make a PDF: {e}");
                    let _ = std::fs::remove_dir_all(&dir);
                    return ExitCode::from(2);
                }
            };
            let again = baogao_core::load::load_paths(
                &[pdf.to_string_lossy().into_owned()],
                &Default::default(),
            );
            let Some(Ok(again)) = again.into_iter().next() else {
                println!(
                    "  {} ({}): PDF did not load",
                    r.source,
                    ["identity", "office"][g]
                );
                ok = false;
                continue;
            };
            let (h0, h1) = (headings(r), headings(&again));
            let (c0, c1) = (core_rows(r), core_rows(&again));
            let (ho, co) = (Counts::of(&h0, &h1), Counts::of(&c0, &c1));
            if verbose {
                println!(
                    "  {} {}: outline {:.3} rows {:.3}",
                    ["identity", "office"][g],
                    r.source,
                    ho.f1(),
                    co.f1()
                );
                print_misses((&h0, &h1), (&c0, &c1), 4);
            }
            totals[g].0.add(ho);
            totals[g].1.add(co);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!("{} reports", originals.len());
    println!("{:<34} {:>10} {:>10}", "PDF maker", "outline F1", "rows F1");
    for (g, name) in [
        "fpdf2 (CID, Identity-H, footers)",
        "LibreOffice (subset TrueType)",
    ]
    .iter()
    .enumerate()
    {
        let (o, c) = totals[g];
        println!("{name:<34} {:>10.3} {:>10.3}", o.f1(), c.f1());
        ok &= o.f1() >= THRESHOLD && c.f1() >= THRESHOLD;
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        println!("eval_pdf: below F1 {THRESHOLD}");
        ExitCode::FAILURE
    }
}
