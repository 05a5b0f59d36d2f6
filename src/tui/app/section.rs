//! Whole sections: copy one, jump to one by its number (`:` then `三`, `3` or `3.2`), and hand
//! the current paragraph or section to `$PAGER`.

use super::*;

impl App {
    /// The section the user means: the outline's selected row while the outline has focus,
    /// else the innermost section of the current paragraph (`None`: the whole report).
    pub fn section_in_hand(&self) -> Option<usize> {
        if self.focus == Pane::Outline {
            return self
                .outline
                .get(self.outline_view.sel)
                .and_then(|o| o.section);
        }
        let r = self.current()?;
        r.paragraphs.get(self.para).and_then(|p| p.section())
    }

    /// A section's text (its heading and every paragraph under it), or the whole report's;
    /// paragraphs on their own lines, control characters left out.
    pub fn section_text(&self, section: Option<usize>) -> Option<(String, String)> {
        let r = self.current()?;
        let (label, span) = match section {
            Some(s) if s < r.sections.len() => (section_label(r, s), r.sections[s].span()),
            _ => (report_name(r), 0..r.paragraphs.len()),
        };
        let text = span
            .filter(|&p| p < r.paragraphs.len())
            .map(|p| {
                r.paragraph_text(p)
                    .chars()
                    .filter(|c| !c.is_control())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n");
        Some((label, text))
    }

    pub(super) fn copy_section(&mut self) {
        let Some((label, text)) = self.section_text(self.section_in_hand()) else {
            return;
        };
        let label: String = label.chars().take(20).collect();
        self.copy(&format!("section {label}"), text);
    }

    /// Show the current paragraph (with `o`'s section-only view on: the section) in `$PAGER`.
    pub(super) fn open_in_pager(&mut self) {
        let text = if self.section_only.is_some() {
            self.section_text(self.section_only).map(|(_, t)| t)
        } else {
            self.current()
                .filter(|r| self.para < r.paragraphs.len())
                .map(|r| r.paragraph_text(self.para).to_string())
        };
        if let Some(t) = text {
            self.effects.push(Effect::Pager(t));
        }
    }

    /// Open the `:` prompt.
    pub(super) fn open_jump(&mut self) {
        self.jump = TextArea::default();
        self.popup = Some(Popup::Jump);
    }

    /// Go to the section the `:` prompt names.
    pub(super) fn confirm_jump(&mut self) {
        let spec = self.jump.lines().first().cloned().unwrap_or_default();
        self.popup = None;
        let Some(r) = self.current() else { return };
        match find_section(r, &spec) {
            Some(s) => {
                self.collapsed.clear();
                self.rebuild_outline();
                if let Some(i) = self.outline.iter().position(|o| o.section == Some(s)) {
                    self.outline_view.sel = i;
                    self.follow_outline();
                }
            }
            None => self.set_toast(format!(
                "No section {} (try 三, 3 or 3.2)",
                wrap::safe(spec.trim())
            )),
        }
    }
}

/// `三`, `3`, `(三)`, `3.2`, `三.二`: the section reached by taking the n-th numbered section at
/// each level (sections without a marker, such as a preamble, are not counted).
pub fn find_section(r: &Report, spec: &str) -> Option<usize> {
    let parts: Vec<usize> = spec
        .split(['.', '．', '。', '-', ' '])
        .filter(|p| !p.is_empty())
        .map(number)
        .collect::<Option<_>>()?;
    let mut level: Vec<usize> = r.roots().collect();
    let mut found = None;
    for n in parts {
        let numbered: Vec<usize> = level
            .iter()
            .copied()
            .filter(|&s| r.sections[s].label.is_some())
            .collect();
        let s = *numbered.get(n.checked_sub(1)?)?;
        found = Some(s);
        level = r.sections[s].children().collect();
    }
    found
}

/// `3`, `三`, `十二`, `（三）`, `第三` → 3.
fn number(part: &str) -> Option<usize> {
    let core: String = part
        .chars()
        .filter(|c| !"()（）第、是".contains(*c))
        .collect();
    if let Ok(n) = core.parse::<usize>() {
        return (n > 0).then_some(n);
    }
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let chars: Vec<char> = core.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d).filter(|&n| n > 0),
        ['十', u] => digit(*u).map(|u| 10 + u),
        [t, '十'] => digit(*t).map(|t| t * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_people_type_them() {
        for (s, n) in [
            ("3", 3),
            ("三", 3),
            ("十二", 12),
            ("（三）", 3),
            ("第二", 2),
            ("二十", 20),
            ("十", 10),
        ] {
            assert_eq!(number(s), Some(n), "{s}");
        }
        for s in ["0", "零", "abc", "三四五", ""] {
            assert_eq!(number(s), None, "{s}");
        }
    }
}
