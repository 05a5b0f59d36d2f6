//! Sample reports bundled into the binary, so a first run with no paths shows a living
//! workspace. The texts in `samples/` are our own writing (not corpus copies) and other tests
//! rely on them: keep them stable.

use baogao_core::report::Report;

/// Prefix of a bundled sample's [`Report::source`].
pub const SOURCE_PREFIX: &str = "sample:";

/// A hint for the UI to show while the bundled samples are open.
pub const HINT: &str = "Bundled samples. Open your own reports with `baogao PATH...`, \
                        or list them under \"paths\" in the config file (see `baogao --help`).";

/// One bundled sample: its file name and its text.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub name: &'static str,
    pub text: &'static str,
}

/// The bundled samples, in the order they are shown: a township 政府工作报告, a county five-year
/// plan with targets, and a 工作总结 whose figures are masked (`xx.x亿元`).
pub const SAMPLES: &[Sample] = &[
    Sample {
        name: "青溪镇2024年政府工作报告.txt",
        text: include_str!("../samples/青溪镇2024年政府工作报告.txt"),
    },
    Sample {
        name: "云岭县县域经济高质量发展五年工作计划.txt",
        text: include_str!("../samples/云岭县县域经济高质量发展五年工作计划.txt"),
    },
    Sample {
        name: "xx镇20xx年工作总结.txt",
        text: include_str!("../samples/xx镇20xx年工作总结.txt"),
    },
];

/// The bundled samples as reports, with sources like `sample:青溪镇2024年政府工作报告.txt`.
pub fn reports() -> Vec<Report> {
    SAMPLES
        .iter()
        .map(|s| {
            baogao_core::load::from_text(&format!("{SOURCE_PREFIX}{}", s.name), s.text, "UTF-8")
        })
        .collect()
}

/// Is this report one of the bundled samples?
pub fn is_sample(report: &Report) -> bool {
    report.source.starts_with(SOURCE_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top_titles(r: &Report) -> Vec<String> {
        r.roots()
            .map(|s| {
                format!(
                    "{}{}",
                    r.sections[s].label.as_deref().unwrap_or(""),
                    r.sections[s].title
                )
            })
            .collect()
    }

    #[test]
    fn samples_have_the_promised_size() {
        for s in SAMPLES {
            let n = s.text.chars().count();
            assert!((1500..=4000).contains(&n), "{}: {n} chars", s.name);
        }
    }

    #[test]
    fn township_report_has_title_block_and_sections() {
        let r = &reports()[0];
        assert_eq!(r.source, "sample:青溪镇2024年政府工作报告.txt");
        assert!(is_sample(r));
        assert_eq!(r.meta.title.as_deref(), Some("政府工作报告"));
        assert_eq!(r.meta.place.as_deref(), Some("青溪镇"));
        assert_eq!(r.meta.year, Some(2024));
        assert_eq!(r.meta.date.as_deref(), Some("2024-01-12"));
        assert_eq!(r.meta.speaker.as_deref(), Some("陈立新"));
        assert_eq!(
            top_titles(r),
            [
                "一、2023年工作回顾",
                "二、2024年工作安排",
                "三、全面加强政府自身建设"
            ]
        );
        // 一、 holds (一)…(四); (一) holds 一是…三是.
        let review = r.roots().next().unwrap();
        let subs = &r.sections[review].children;
        assert_eq!(subs.len(), 4);
        assert_eq!(r.sections[subs[3] as usize].label.as_deref(), Some("(四)"));
        let first = &r.sections[subs[0] as usize];
        let shi: Vec<_> = first.children().map(|c| &*r.sections[c].title).collect();
        assert_eq!(
            shi,
            ["工业支撑更加有力", "农业基础持续夯实", "服务业加快回暖"]
        );
        assert!(r.text.contains("一般公共预算收入8260万元，同比增长7.4%"));
    }

    #[test]
    fn county_plan_has_lead_items_and_numbered_tasks() {
        let r = &reports()[1];
        assert_eq!(r.meta.kind.as_deref(), Some("工作计划"));
        assert_eq!(r.meta.place.as_deref(), Some("云岭县"));
        let dash = r
            .sections
            .iter()
            .filter(|s| s.label.as_deref() == Some("——"))
            .count();
        assert_eq!(dash, 4);
        let tasks = r
            .sections
            .iter()
            .find(|s| &*s.title == "做强工业主导产业")
            .unwrap();
        let items: Vec<_> = tasks
            .children()
            .map(|c| r.sections[c].label.as_deref().unwrap())
            .collect();
        assert_eq!(items, ["1、", "2、", "3、"]);
        assert!(r.text.contains("到2027年"));
        assert!(r.text.contains("力争"));
    }

    #[test]
    fn summary_keeps_masked_figures() {
        let r = &reports()[2];
        assert_eq!(r.meta.kind.as_deref(), Some("工作总结"));
        // A masked name is no place, but it still says the level.
        assert_eq!(r.meta.place, None);
        assert_eq!(r.meta.level, Some(baogao_core::meta::Level::Township));
        for masked in ["xx.x亿元", "x.xx万元", "xx%", "20xx年"] {
            assert!(r.text.contains(masked), "{masked}");
        }
        assert_eq!(top_titles(r).len(), 4);
    }
}
