//! Arbitrary input never panics the loader or the outline, and the model's invariants hold.

use proptest::prelude::*;

fn check(r: &baogao_core::Report) {
    // Paragraphs tile the text in order; every section indexes real paragraphs.
    let mut last_end = 0;
    for (i, p) in r.paragraphs.iter().enumerate() {
        assert!(p.range().start >= last_end && p.range().end <= r.text.len());
        last_end = p.range().end;
        assert_eq!(r.text[..p.range().start].chars().count(), p.char_start());
        assert_eq!(
            r.paragraph_folded(i).chars().count(),
            r.paragraph_text(i).chars().count()
        );
        assert!(!r.paragraph_text(i).contains('\u{1b}'));
    }
    for s in &r.sections {
        assert!(s.heading() < r.paragraphs.len());
        assert!(s.level >= 1);
        for c in s.children() {
            assert!(r.sections[c].level >= s.level);
        }
    }
    let _ = baogao_core::outline_json::OutlineDoc::new(r);
}

fn report_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "一、",
        "（一）",
        "(二)",
        "一是",
        "二是",
        "1、",
        "2.",
        "（1）",
        "①",
        "——",
        "第一，",
        "。",
        "，",
        "：",
        "\n",
        "\r\n",
        "\\r\\n",
        "　　",
        "增长6%",
        "xx.x亿元",
        "名词解释",
        "各位代表：",
        "[!--empirenews.page--]",
        "<!--",
        "-->",
        "\u{1b}[31m",
        "\u{1b}]52;c;",
        "\u{7}",
        "相关推荐",
        "政府工作报告",
        "2024年工作回顾",
        "经济运行持续回暖",
        "发布时间:2024",
        "\u{0}",
        "\u{9b}",
    ]);
    prop::collection::vec(prop_oneof![pieces.prop_map(String::from), ".{0,12}"], 0..60)
        .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        for name in ["a.txt", "a.html", "a.csv", "a.docx"] {
            for r in baogao_core::load::load_bytes(name, &bytes).into_iter().flatten() {
                check(&r);
            }
        }
    }

    #[test]
    fn report_like_text_never_panics(text in report_like()) {
        for r in baogao_core::load::load_bytes("a.txt", text.as_bytes()).into_iter().flatten() {
            check(&r);
        }
        let r = baogao_core::load::from_text("t", &text, "UTF-8");
        check(&r);
    }
}
