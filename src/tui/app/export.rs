//! Getting the table out: the export dialog (a file, never overwritten) and copying (OSC 52).

use super::*;

/// The export dialog: a format and a file name.
pub struct ExportDialog {
    pub format: Format,
    pub name: TextArea<'static>,
    /// The name as proposed (its extension follows the format until the user edits it).
    proposed: String,
    pub error: Option<String>,
    /// Where a relative name goes (the current directory), for the dialog to show.
    pub dir: String,
}

pub const FORMATS: [Format; 5] = Format::ALL;

pub fn format_label(f: Format) -> &'static str {
    match f {
        Format::Tsv => "TSV",
        Format::Csv => "CSV (UTF-8 BOM)",
        Format::Markdown => "Markdown",
        Format::Json => "JSON",
        Format::Jsonl => "JSON Lines",
    }
}

impl ExportDialog {
    pub fn name_text(&self) -> String {
        self.name.lines().first().cloned().unwrap_or_default()
    }

    pub(super) fn set_format(&mut self, f: Format) {
        let old = self.name_text();
        self.format = f;
        if old == self.proposed {
            let stem = old.rsplit_once('.').map(|(s, _)| s).unwrap_or(&old);
            self.proposed = format!("{stem}.{}", crate::export_file::extension(f));
            self.name = TextArea::new(vec![self.proposed.clone()]);
            self.name.move_cursor(CursorMove::End);
        }
    }
}

impl App {
    /// Open the export dialog with a fresh default name in the current directory.
    pub(super) fn open_export(&mut self) {
        if self.rows.is_empty() && !self.exporting_compare() {
            self.set_toast("Nothing to export: the indicator table is empty".into());
            return;
        }
        let mut proposed =
            crate::export_file::default_name(self.format, std::time::SystemTime::now());
        if self.exporting_compare() {
            proposed = proposed.replacen("baogao-indicators", "baogao-compare", 1);
        }
        let mut name = TextArea::new(vec![proposed.clone()]);
        name.move_cursor(CursorMove::End);
        self.export = Some(ExportDialog {
            format: self.format,
            name,
            proposed,
            error: None,
            dir: self
                .export_dir
                .clone()
                .or_else(|| std::env::current_dir().ok())
                .map(|d| wrap::safe(&d.display().to_string()))
                .unwrap_or_default(),
        });
        self.popup = Some(Popup::Export);
    }

    /// The path an export name stands for: `~` expanded, a relative name under `export_dir`.
    pub(super) fn export_path(&self, name: &str) -> std::path::PathBuf {
        let path = crate::export_file::expand_tilde(
            std::path::Path::new(name),
            dirs::home_dir().as_deref(),
        );
        match &self.export_dir {
            Some(dir) if path.is_relative() => dir.join(path),
            _ => path,
        }
    }

    /// Write the table's current rows to the dialog's file (never overwriting: a taken name
    /// gets a `-N` suffix) and say where it went.
    pub(super) fn confirm_export(&mut self) {
        let Some(d) = &self.export else { return };
        let name = d.name_text();
        let name = name.trim();
        if name.is_empty() {
            if let Some(d) = &mut self.export {
                d.error = Some("Type a file name".into());
            }
            return;
        }
        let format = d.format;
        let written = if self.exporting_compare() {
            self.export_compare(name, format)
        } else {
            let rows = self.table_rows();
            crate::export_file::write(&rows, format, Some(&self.export_path(name)))
                .map(|p| (p, rows.len()))
                .map_err(|e| e.to_string())
        };
        match written {
            Ok((path, n)) => {
                self.popup = None;
                self.export = None;
                self.set_toast(format!(
                    "Exported {n} row{} to {}",
                    if n == 1 { "" } else { "s" },
                    wrap::safe(&path.display().to_string())
                ));
            }
            Err(e) => {
                if let Some(d) = &mut self.export {
                    d.error = Some(wrap::safe(&e));
                }
            }
        }
    }

    pub(super) fn copy(&mut self, what: &str, text: String) {
        let size = human_size(text.len());
        // Terminals drop (or choke on) clipboard writes of many megabytes.
        if text.len() > COPY_LIMIT {
            self.set_toast(format!(
                "Too big for the clipboard ({size}): export it with e, or p to print it"
            ));
            return;
        }
        self.set_toast(format!(
            "Copied {what} ({size}) to the clipboard via OSC 52"
        ));
        // What is pasted may land in a terminal: whatever a renderer let through, a control
        // char from a file name or cell is shown here.
        let text = baogao_core::sanitize::visible_lines(&text).into_owned();
        self.effects.push(Effect::Copy(text));
    }

    /// `y`: the whole table as it is written everywhere (every column, the configured format,
    /// with the header; no CSV BOM on the clipboard).
    pub(super) fn copy_table(&mut self) {
        if self.rows.is_empty() {
            self.set_toast("Nothing to copy: the indicator table is empty".into());
            return;
        }
        let n = self.rows.len();
        let text = self.table_text(Destination::Clipboard);
        self.copy(
            &format!(
                "indicator table: {n} row{}, {}",
                if n == 1 { "" } else { "s" },
                format_label(self.format)
            ),
            text,
        );
    }

    /// `Y`: the selected row as `y` writes it, without the header, to paste under a copied
    /// table (report, section and sentence included).
    pub(super) fn copy_row(&mut self) {
        let Some(&(r, i)) = self.rows.get(self.rows_view.sel) else {
            self.set_toast("Nothing to copy: no indicator row selected".into());
            return;
        };
        let row = [self.indicators[r].get(i)];
        let text = baogao_core::table::render_indicators(&row, self.format, Destination::Rows);
        self.copy(
            &format!("indicator row, {}", format_label(self.format)),
            text,
        );
    }

    pub(super) fn copy_paragraph(&mut self) {
        let Some(r) = self.current() else { return };
        if self.para >= r.paragraphs.len() {
            return;
        }
        let text: String = r
            .paragraph_text(self.para)
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        let n = text.chars().count();
        self.copy(&format!("paragraph: {n} chars"), text);
    }

    /// Go to a remembered position (if its report is loaded).
    pub fn restore_now(&mut self, pos: &crate::state::Position) {
        if let Some((ri, para, _)) = pos.resolve(&self.reports) {
            self.select_report(ri);
            self.para = para;
            self.layout_text();
            self.ensure_para_visible();
            self.refresh();
        }
    }

    /// Where the user is, for the state file.
    pub fn position(&self) -> Option<crate::state::Position> {
        let r = self.current()?;
        Some(crate::state::Position {
            report: r.source.clone(),
            paragraph: self.para,
            section: r.paragraphs.get(self.para).and_then(|p| p.section()),
        })
    }
}
