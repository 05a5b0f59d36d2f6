//! The report list's labels, worked out once per report as it arrives (not per frame): the
//! name, with the place and year it lacks in front on a one-line list, and how many reports
//! share each label (those are told apart by their file names).

use super::report_name;
use baogao_core::report::Report;
use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct ListLabels {
    /// Per report: the label of a two-line list (the name), and of a one-line list.
    labels: Vec<[String; 2]>,
    /// How many reports have each label, per list kind (same indexing).
    counts: [HashMap<String, usize>; 2],
}

impl ListLabels {
    pub fn push(&mut self, r: &Report) {
        let name = report_name(r);
        let m = &r.meta;
        let place = m
            .place
            .iter()
            .filter(|p| !name.contains(p.as_str()))
            .cloned();
        let year = m
            .year
            .map(|y| y.to_string())
            .filter(|y| !name.contains(y.as_str()));
        let extra: Vec<String> = place.chain(year).collect();
        let one_line = if extra.is_empty() {
            name.clone()
        } else {
            format!("{} · {name}", extra.join(" "))
        };
        let labels = [name, one_line];
        for (count, label) in self.counts.iter_mut().zip(&labels) {
            *count.entry(label.clone()).or_default() += 1;
        }
        self.labels.push(labels);
    }

    fn kind(lines_per_report: usize) -> usize {
        usize::from(lines_per_report == 1)
    }

    /// Report `i`'s label in a list of `lines_per_report` lines per entry.
    pub fn label(&self, i: usize, lines_per_report: usize) -> &str {
        self.labels
            .get(i)
            .map_or("", |l| l[Self::kind(lines_per_report)].as_str())
    }

    /// Does another report have the same label?
    pub fn shared(&self, i: usize, lines_per_report: usize) -> bool {
        let k = Self::kind(lines_per_report);
        self.counts[k]
            .get(self.label(i, lines_per_report))
            .is_some_and(|&n| n > 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_add_what_the_name_lacks_and_count_alike_ones() {
        let mut l = ListLabels::default();
        let a =
            baogao_core::load::from_text("/x/a.txt", "政府工作报告\n一、回顾\n全年工作。", "UTF-8");
        l.push(&a);
        l.push(&a);
        assert_eq!(l.label(0, 2), report_name(&a));
        assert!(l.label(0, 1).ends_with(&report_name(&a)));
        assert!(l.shared(0, 1) && l.shared(1, 2));
        let b = baogao_core::load::from_text("/x/b.txt", "工作总结\n一、回顾\n全年工作。", "UTF-8");
        l.push(&b);
        assert!(!l.shared(2, 1) && !l.shared(2, 2));
        assert_eq!(l.label(9, 1), "");
    }
}
