use super::*;
use baogao_core::load::load_bytes;

/// A report with figures (so indicators and panel rows are there to round-trip).
const REPORT: &str = "2024年青溪县政府工作报告\n\n——2024年1月10日在青溪县第十八届人民代表大会第四次会议上\n\n县长　李明\n\n各位代表：\n\n一、2023年工作回顾\n\n　　过去一年，全县地区生产总值完成１２８.５亿元，同比增长６.２％；一般公共预算收入9.3亿元，增长5%。城镇居民人均可支配收入42180元，增长5.1%。\n\n（一）产业发展\n\n　　粮食总产量达到15.2万吨。规模以上工业增加值增长8%左右。\n\n二、2024年主要目标\n\n　　今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%—5.5%，城镇登记失业率控制在5.5%以内。\n\n1.乡村振兴。\n\n　　完成高标准农田建设3万亩。\n";

fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

fn docx(text: &str) -> Vec<u8> {
    use std::io::Write;
    let body: String = text
        .lines()
        .map(|l| format!("<w:p><w:r><w:t xml:space=\"preserve\">{l}</w:t></w:r></w:p>"))
        .collect();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
    buf.into_inner()
}

fn csv(text: &str) -> Vec<u8> {
    let cell = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let other = text.replace("青溪县", "云岭县").replace("李明", "王强");
    format!(
        "title,province,year,content\n{},云南省,2024,{}\n{},云南省,2024,{}\n",
        cell("青溪县2024年政府工作报告"),
        cell(text),
        cell("云岭县2024年政府工作报告"),
        cell(&other)
    )
    .into_bytes()
}

fn html(text: &str) -> Vec<u8> {
    let body: String = text.lines().map(|l| format!("<p>{l}</p>\n")).collect();
    format!("<html><head><title>政府工作报告</title><script>var x = 1;</script></head><body>{body}</body></html>").into_bytes()
}

/// Every format the loader reads: (name, bytes).
fn inputs() -> Vec<(String, Vec<u8>)> {
    let mut v = vec![
        ("报告.txt".to_string(), REPORT.as_bytes().to_vec()),
        (
            "gb.txt".into(),
            encoding_rs::GB18030.encode(REPORT).0.into_owned(),
        ),
        ("utf16.txt".into(), utf16le(REPORT)),
        ("page.html".into(), html(REPORT)),
        ("doc.docx".into(), docx(REPORT)),
        ("rows.csv".into(), csv(REPORT)),
    ];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["tests/fixtures", "samples"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "pdf" || x == "txt"))
            .collect();
        files.sort();
        for p in files {
            v.push((p.to_string_lossy().into_owned(), std::fs::read(&p).unwrap()));
        }
    }
    v
}

/// Reports as parsed and extracted, before the figures are packed: what `encode` stores.
type Fresh = (Report, Vec<Indicator>, Vec<PanelRow>);

fn parse(name: &str, bytes: &[u8]) -> Vec<Fresh> {
    load_bytes(name, bytes)
        .into_iter()
        .map(|r| {
            let r = r.unwrap_or_else(|e| panic!("{name}: {e}"));
            let ind = baogao_core::indicators::extract(&r);
            let rows = baogao_core::panel::rows_sharing_text(&r, &ind);
            (r, ind, rows)
        })
        .collect()
}

fn store(name: &str, loaded: &[Fresh]) -> Vec<u8> {
    let items: Vec<ToStore> = loaded.iter().map(|(r, i, p)| (r, &i[..], &p[..])).collect();
    pack(&encode(name, &items).unwrap())
}

/// Everything, folded view included (f64 fields compared by their printed form, which tells
/// every value apart).
fn shown(l: &[Fresh]) -> String {
    format!("{l:#?}")
}

/// Entries read back, their figures unpacked.
fn unpacked(back: Vec<Loaded>) -> Vec<Fresh> {
    back.into_iter()
        .map(|(r, figures, rows)| {
            let figures = figures.to_vec();
            (r, figures, rows)
        })
        .collect()
}

#[test]
fn every_format_round_trips_exactly() {
    let (mut reports, mut figures, mut rows) = (0, 0, 0);
    let mut encodings = std::collections::BTreeSet::new();
    for (name, bytes) in inputs() {
        let fresh = parse(&name, &bytes);
        assert!(!fresh.is_empty(), "{name}");
        let back = unpacked(from_entry(&name, &store(&name, &fresh)).unwrap());
        assert_eq!(shown(&back), shown(&fresh), "{name}");
        for ((_, ai, ap), (_, bi, bp)) in back.iter().zip(&fresh) {
            assert_eq!(ai, bi, "{name}");
            assert_eq!(ap, bp, "{name}");
        }
        reports += fresh.len();
        figures += fresh.iter().map(|l| l.1.len()).sum::<usize>();
        rows += fresh.iter().map(|l| l.2.len()).sum::<usize>();
        encodings.extend(fresh.iter().map(|l| l.0.encoding.clone()));
    }
    // The test means something: CSV rows, figures and rows were there, in several encodings.
    assert!(reports >= 12, "{reports}");
    assert!(figures > 50 && rows > 10, "{figures} {rows}");
    assert!(encodings.len() >= 5, "{encodings:?}");
}

#[test]
fn an_entry_serves_the_file_under_another_spelling() {
    let bytes = csv(REPORT);
    let fresh = parse("/a/rows.csv", &bytes);
    assert_eq!(fresh.len(), 2);
    let entry = store("/a/rows.csv", &fresh);
    let back = unpacked(from_entry("/a/./rows.csv", &entry).unwrap());
    assert_eq!(back[1].0.source, "/a/./rows.csv#2");
    assert!(back[1].1.iter().all(|i| &*i.report == "/a/./rows.csv#2"));
    assert!(back[1].2.iter().all(|r| &*r.report == "/a/./rows.csv#2"));
    assert_eq!(shown(&parse("/a/./rows.csv", &bytes)), shown(&back));
}

#[test]
fn damaged_entries_are_refused_never_misread() {
    let fresh = parse("报告.txt", REPORT.as_bytes());
    let items: Vec<ToStore> = fresh.iter().map(|(r, i, p)| (r, &i[..], &p[..])).collect();
    let raw = encode("报告.txt", &items).unwrap();
    // Cut anywhere: refused.
    for cut in [0, 1, 8, raw.len() / 3, raw.len() / 2, raw.len() - 1] {
        assert!(decode("报告.txt", &raw[..cut]).is_none(), "cut at {cut}");
    }
    // Trailing bytes: refused.
    let mut long = raw.clone();
    long.push(0);
    assert!(decode("报告.txt", &long).is_none());
    // A paragraph range moved inside a character: refused, not a panic later.
    let text = &fresh[0].0.text;
    let inside = (0..text.len())
        .find(|&i| !text.is_char_boundary(i))
        .unwrap();
    for end in [inside, text.len() + 1] {
        let mut bent = fresh.clone();
        let p = &mut bent[0].0.paragraphs[0];
        *p = Paragraph::new(p.range().start..end, p.char_start(), p.section());
        let items: Vec<ToStore> = bent.iter().map(|(r, i, p)| (r, &i[..], &p[..])).collect();
        assert!(decode("报告.txt", &encode("报告.txt", &items).unwrap()).is_none());
    }
    // A section or figure pointing past the paragraphs: refused.
    let mut bent = fresh.clone();
    bent[0].1[0].paragraph = bent[0].0.paragraphs.len();
    let items: Vec<ToStore> = bent.iter().map(|(r, i, p)| (r, &i[..], &p[..])).collect();
    assert!(decode("报告.txt", &encode("报告.txt", &items).unwrap()).is_none());
    // A size claim beyond what the block can hold: refused before allocating.
    let mut packed = pack(&raw);
    packed[..8].copy_from_slice(&(u64::MAX / 2).to_le_bytes());
    assert!(from_entry("报告.txt", &packed).is_none());
    assert!(from_entry("报告.txt", b"short").is_none());
    // Flipped bytes in the compressed block: refused or, at worst, decoded whole and valid (the
    // store's checksums are what rule this out in use).
    let good = pack(&raw);
    for at in [8, 20, good.len() / 2, good.len() - 1] {
        let mut bad = good.clone();
        bad[at] ^= 0x41;
        let _ = from_entry("报告.txt", &bad);
    }
}

#[test]
fn a_report_not_named_after_its_file_is_not_encoded() {
    let fresh = parse("a.txt", REPORT.as_bytes());
    let items: Vec<ToStore> = fresh.iter().map(|(r, i, p)| (r, &i[..], &p[..])).collect();
    assert!(encode("b.txt", &items).is_none());
}

/// An entry whose indices would send the TUI astray is refused, even with good checksums: a
/// section that is its own ancestor (a walk up the tree would never end), a paragraph whose
/// char start disagrees with its text, a figure past the end of the text.
#[test]
fn entries_that_do_not_hold_together_are_refused() {
    let fresh = parse("/a/r.txt", REPORT.as_bytes());
    assert!(fresh[0].0.sections.len() >= 2 && fresh[0].0.paragraphs.len() >= 2);
    assert!(from_entry("/a/r.txt", &store("/a/r.txt", &fresh)).is_some());
    let damaged = |edit: &dyn Fn(&mut Fresh)| {
        let mut l = fresh.clone();
        edit(&mut l[0]);
        from_entry("/a/r.txt", &store("/a/r.txt", &l))
    };
    assert!(damaged(&|l| l.0.sections[0].parent = Some(1)).is_none());
    assert!(damaged(&|l| {
        let p = &mut l.0.paragraphs[1];
        *p = Paragraph::new(p.range(), p.char_start() + 1, p.section());
    })
    .is_none());
    assert!(damaged(&|l| l.0.sections[0].heading = l.0.paragraphs.len() as u32).is_none());
    if !fresh[0].1.is_empty() {
        assert!(damaged(&|l| l.1[0].offset = l.0.text.len() * 4).is_none());
    }
}

#[test]
fn entries_read_back_share_units_as_extraction_does() {
    let text = "东湖镇2024年政府工作报告\n一、回顾\n一般公共预算收入８８亿元，增长５％。\n税收收入６０亿元。\n\
                二、安排\n固定资产投资增长８％，完成１２０亿元。\n";
    let fresh = parse("东湖镇.txt", text.as_bytes());
    let back = from_entry("东湖镇.txt", &store("东湖镇.txt", &fresh)).unwrap();
    let (_, figures, rows) = &back[0];
    // Held once among the packed figures.
    let yi: Vec<&str> = figures
        .iter()
        .filter_map(|f| f.unit)
        .filter(|u| *u == "亿元")
        .collect();
    assert!(yi.len() >= 3, "{figures:#?}");
    assert!(yi.iter().all(|u| u.as_ptr() == yi[0].as_ptr()));
    // One allocation among the panel rows.
    let row_units: Vec<&std::sync::Arc<str>> = rows
        .iter()
        .filter_map(|r| r.unit.as_ref())
        .filter(|u| &***u == "亿元")
        .collect();
    assert!(!row_units.is_empty());
    assert!(row_units
        .iter()
        .all(|u| std::sync::Arc::ptr_eq(u, row_units[0])));
    // A panel row's section titles are its figure's, not a copy.
    assert!(rows.len() >= 3, "{rows:#?}");
    for r in rows {
        assert!(
            figures
                .iter()
                .any(|f| f.section.as_ptr() == r.section.as_ptr() && !f.section.is_empty()),
            "{r:?}"
        );
    }
}

#[test]
fn quotes_read_back_are_pieces_of_the_reports_text() {
    let text = "东湖镇2024年政府工作报告\n一、回顾\n一般公共预算收入８８亿元，增长５％。\n";
    let fresh = parse("东湖镇.txt", text.as_bytes());
    let back = from_entry("东湖镇.txt", &store("东湖镇.txt", &fresh)).unwrap();
    let (report, figures, _) = &back[0];
    assert!(!figures.is_empty());
    for f in figures.to_vec() {
        let range = f.quote.range_in(&report.text).expect("a piece of the text");
        assert_eq!(&report.text[range], &*f.quote);
    }
    // A figure whose quote is not a piece of its report's text is not stored.
    let (r, mut figs, rows) = fresh.into_iter().next().unwrap();
    figs[0].quote = "另一句话。".into();
    let items: Vec<ToStore> = vec![(&r, &figs[..], &rows[..])];
    assert!(encode("东湖镇.txt", &items).is_none());
}

/// The fuzz target's own round trip (parse, store, read back, compare unpacked) on a report
/// with figures, so `cargo test` runs it too.
#[test]
fn the_fuzz_round_trip_holds_on_a_real_report() {
    let mut data = vec![2u8];
    data.extend_from_slice(REPORT.as_bytes());
    fuzz_entry(&data);
}

/// Panel rows that keep their own copy of a quote (as `panel::rows` makes them for the CLI)
/// are stored with their words and read back the same; the TUI's rows share the text and are
/// stored as ranges of it.
#[test]
fn panel_quotes_round_trip_copied_or_shared() {
    let r = load_bytes("报告.txt", REPORT.as_bytes())
        .into_iter()
        .next()
        .unwrap()
        .unwrap();
    let ind = baogao_core::indicators::extract(&r);
    let copied = baogao_core::panel::rows(&r, &ind);
    let shared = baogao_core::panel::rows_sharing_text(&r, &ind);
    assert!(!copied.is_empty());
    assert_eq!(format!("{copied:?}"), format!("{shared:?}"));
    assert!(copied.iter().all(|p| p.quote.range_in(&r.text).is_none()));
    assert!(shared.iter().all(|p| p.quote.range_in(&r.text).is_some()));
    for (rows, as_pieces) in [(copied, false), (shared, true)] {
        let fresh = vec![(r.clone(), ind.clone(), rows)];
        let back = unpacked(from_entry("报告.txt", &store("报告.txt", &fresh)).unwrap());
        assert_eq!(shown(&back), shown(&fresh));
        // Read back, quotes are pieces of the text again where they were stored as ranges.
        let (report, _, rows) = &back[0];
        assert!(rows
            .iter()
            .all(|p| p.quote.range_in(&report.text).is_some() == as_pieces));
    }
}

#[test]
fn every_heading_marker_round_trips() {
    let text = "某县人民政府工作报告\n第一部分  2023年工作回顾\n一、经济运行\n（一）工业。规模以上工业增加值增长8%。\n一是技改。完成技改项目12个。\n第一，招商。签约项目20个。\n1.项目。开工项目30个。\n（1）道路。新建道路5公里。\n①桥梁。新建桥梁2座。\n——城乡面貌焕然一新。\n";
    let fresh = parse("parts.txt", text.as_bytes());
    let kinds: std::collections::HashSet<_> =
        fresh[0].0.sections.iter().filter_map(|s| s.kind).collect();
    assert_eq!(kinds.len(), 9, "{kinds:?}");
    let back = unpacked(from_entry("parts.txt", &store("parts.txt", &fresh)).unwrap());
    assert_eq!(shown(&back), shown(&fresh));
}
