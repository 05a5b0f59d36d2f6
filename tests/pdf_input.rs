//! PDF input on our own fixtures (made by tests/fixtures/make_pdf.sh from township_report.txt):
//! the same outline and indicator rows as the text they were printed from.

use baogao_core::indicators::extract;
use baogao_core::load::{load_bytes, load_paths, LoadOptions};

const TEXT: &str = include_str!("fixtures/township_report.txt");

fn outline(r: &baogao_core::Report) -> Vec<(usize, Option<String>, String)> {
    r.sections
        .iter()
        .map(|s| {
            let label = s.label.as_deref().map(String::from);
            (usize::from(s.level), label, s.title.to_string())
        })
        .collect()
}

fn rows(r: &baogao_core::Report) -> Vec<String> {
    extract(r)
        .into_iter()
        .map(|i| {
            format!(
                "{:?} {:?} {:?} {:?} {:?}",
                i.canonical,
                i.value,
                i.unit,
                i.change.map(|c| (c.value, c.unit)),
                i.qualifier
            )
        })
        .collect()
}

fn check(pdf: &str) {
    let text = baogao_core::load::from_text("t.txt", TEXT, "utf-8");
    let path = format!("{}/tests/fixtures/{pdf}", env!("CARGO_MANIFEST_DIR"));
    let loaded = load_paths(&[path], &LoadOptions::default());
    let r = loaded[0].as_ref().expect("the fixture PDF loads");
    assert_eq!(outline(r), outline(&text), "{pdf}");
    assert!(!rows(&text).is_empty());
    assert_eq!(rows(r), rows(&text), "{pdf}");
    assert_eq!(r.paragraphs.len(), text.paragraphs.len(), "{}", r.text);
}

#[test]
fn identity_h_cid_font_pdf_reads_like_its_text() {
    check("township_report_identity.pdf");
}

#[test]
fn office_export_pdf_reads_like_its_text() {
    check("township_report_office.pdf");
}

#[test]
fn broken_and_textless_pdfs_are_one_clear_error() {
    let r = load_bytes(
        "坏.pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\ngarbage that is no PDF at all",
    );
    let e = r[0].as_ref().unwrap_err().to_string();
    assert!(e.starts_with("坏.pdf: not a readable PDF"), "{e}");
    // A PDF whose page draws nothing: what a scan without OCR looks like to a text reader.
    let empty = minimal_pdf("");
    let e = load_bytes("扫描.pdf", &empty)[0]
        .as_ref()
        .unwrap_err()
        .to_string();
    assert!(e.contains("no text layer"), "{e}");
}

/// A one-page PDF whose content stream is `content`, with a correct cross-reference table.
fn minimal_pdf(content: &str) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << >> >>"
            .to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len() + 1
        ),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A minimal PDF whose page draws with a font its resources do not hold (the PDF parser panics
/// on it): an uncompressed one-page file with a correct xref table.
fn pdf_with_a_missing_font() -> Vec<u8> {
    let content = b"BT /F9 12 Tf 10 100 Td (abc) Tj ET";
    let mut objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << >> /Contents 4 0 R >>"
            .to_vec(),
    ];
    let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    stream.extend_from_slice(content);
    stream.extend_from_slice(b"\nendstream");
    objs.push(stream);
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).bytes());
        out.extend(o);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .bytes(),
    );
    out
}

/// The parser's panic is this file's one error message — no "internal error" line before it —
/// and the next file still loads.
#[test]
fn a_pdf_the_parser_panics_on_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.pdf"), pdf_with_a_missing_font()).unwrap();
    std::fs::write(dir.path().join("good.txt"), TEXT).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_baogao"))
        .args(["outline", "bad.pdf", "good.txt"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("baogao: bad.pdf: not a readable PDF: the PDF parser failed"),
        "{err}"
    );
    // 1: some inputs failed, the others were printed.
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("good.txt"));
}
