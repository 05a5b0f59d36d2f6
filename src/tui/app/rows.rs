//! The indicator table's rows: which indicators follow the filter, their order, the columns
//! and their widths.

use super::*;

impl App {
    /// Table columns: the report name leads when the table spans reports.
    pub fn columns(&self) -> Vec<Column> {
        let mut cols = Vec::new();
        if self.filter.all_reports && self.filter.active() && self.reports.len() > 1 {
            cols.push(Column::Report);
        }
        cols.extend(COLUMNS);
        cols
    }

    pub(super) fn rebuild_rows(&mut self) {
        let sel = self.rows.get(self.row_sel).copied();
        let mut rows = Vec::new();
        let spanning = self.filter.all_reports && self.filter.active();
        let reports: Vec<usize> = if spanning {
            (0..self.reports.len()).collect()
        } else if self.report_sel < self.reports.len() {
            vec![self.report_sel]
        } else {
            vec![]
        };
        let name_hits = self.filter.query.as_ref().map(|q| self.names.matching(q));
        for ri in reports {
            let range = self.names.report_range(ri);
            let names = name_hits.as_ref().map(|n| &n[range]);
            self.report_rows(ri, names, &mut rows);
        }
        if let Some((col, asc)) = self.sort {
            let names: Vec<String> = self.reports.iter().map(report_name).collect();
            rows.sort_by(|a, b| {
                let (x, y) = (&self.indicators[a.0][a.1], &self.indicators[b.0][b.1]);
                let o = if col == Column::Report {
                    names[a.0].cmp(&names[b.0])
                } else {
                    table::compare(x, y, col)
                };
                if asc {
                    o
                } else {
                    o.reverse()
                }
            });
        }
        self.rows = rows;
        self.row_sel = sel
            .and_then(|s| self.rows.iter().position(|&r| r == s))
            .unwrap_or(0);
    }

    /// The rows of one report that follow the filter: indicators in matching paragraphs, or
    /// whose name matches (`names`: this report's name matches; `None`: no filter, all rows).
    pub(super) fn report_rows(
        &self,
        ri: usize,
        names: Option<&[bool]>,
        rows: &mut Vec<(usize, usize)>,
    ) {
        let shown = |ii: usize| self.all_figures || self.indicators[ri][ii].canonical.is_some();
        let Some(names) = names else {
            rows.extend(
                (0..self.indicators[ri].len())
                    .filter(|&ii| shown(ii))
                    .map(|ii| (ri, ii)),
            );
            return;
        };
        // Indicators come in text order, so the report's matches are walked alongside.
        let hits = self.report_hits(ri);
        let mut h = 0;
        for (ii, &para) in self.ind_paras[ri].iter().enumerate() {
            let para = para as usize;
            while h < hits.len() && hits[h].1 < para {
                h += 1;
            }
            let in_hit = hits.get(h).is_some_and(|x| x.1 == para);
            if shown(ii) && (in_hit || names.get(ii).copied().unwrap_or(false)) {
                rows.push((ri, ii));
            }
        }
    }

    /// Column widths for a table `width` cells wide (same order as [`App::columns`]).
    pub fn column_widths(&self, width: usize) -> Vec<usize> {
        let cols = self.columns();
        let min = |c: Column| match c {
            Column::Name | Column::Section | Column::Report => 10,
            Column::Value | Column::Change => 8,
            Column::Unit | Column::Qualifier => 6,
            Column::Kind => 4,
        };
        let weight = |c: Column| match c {
            Column::Name => 3,
            Column::Section => 2,
            Column::Report => 1,
            _ => 0,
        };
        let mut shown = vec![true; cols.len()];
        let need = |shown: &[bool]| -> usize {
            let n = shown.iter().filter(|&&s| s).count();
            cols.iter()
                .zip(shown)
                .filter(|(_, &s)| s)
                .map(|(&c, _)| min(c))
                .sum::<usize>()
                + n.saturating_sub(1)
        };
        // Narrow screens drop the less important columns first.
        let drop_order = [
            Column::Section,
            Column::Qualifier,
            Column::Report,
            Column::Kind,
            Column::Change,
            Column::Unit,
        ];
        for d in drop_order {
            if need(&shown) <= width {
                break;
            }
            if let Some(i) = cols.iter().position(|&c| c == d) {
                shown[i] = false;
            }
        }
        let extra = width.saturating_sub(need(&shown));
        let total_w: usize = cols
            .iter()
            .zip(&shown)
            .filter(|(_, &s)| s)
            .map(|(&c, _)| weight(c))
            .sum();
        let mut w: Vec<usize> = cols
            .iter()
            .zip(&shown)
            .map(|(&c, &s)| {
                if s {
                    min(c) + extra * weight(c) / total_w.max(1)
                } else {
                    0
                }
            })
            .collect();
        // Rounding leftovers (and a too-narrow screen) go to the name column.
        let used: usize =
            w.iter().sum::<usize>() + shown.iter().filter(|&&s| s).count().saturating_sub(1);
        if let Some(i) = cols.iter().position(|&c| c == Column::Name) {
            if used < width {
                w[i] += width - used;
            } else {
                w[i] = w[i].saturating_sub(used - width);
            }
        }
        w
    }

    pub(super) fn column_at(&self, width: usize, x: usize) -> Option<Column> {
        let mut start = 0;
        for (c, w) in self.columns().into_iter().zip(self.column_widths(width)) {
            if w == 0 {
                continue;
            }
            if x >= start && x < start + w + 1 {
                return Some(c);
            }
            start += w + 1;
        }
        None
    }

    /// The table's current rows as (indicator, report name).
    pub fn table_rows(&self) -> Vec<(&Indicator, String)> {
        self.rows
            .iter()
            .map(|&(r, i)| (&self.indicators[r][i], report_name(&self.reports[r])))
            .collect()
    }

    pub fn table_tsv(&self) -> String {
        let rows = self.table_rows();
        let refs: Vec<(&Indicator, &str)> = rows.iter().map(|(i, n)| (*i, n.as_str())).collect();
        table::tsv(&self.columns(), &refs)
    }
}
