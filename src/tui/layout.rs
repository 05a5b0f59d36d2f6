//! Where the panes go, as a pure function of the terminal size and what is shown. Both `draw`
//! and `update` (scrolling, mouse hits) use it, so they always agree.

use ratatui::layout::Rect;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Reports,
    Outline,
    Text,
    Indicators,
}

pub const PANES: [Pane; 4] = [Pane::Reports, Pane::Outline, Pane::Text, Pane::Indicators];

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub reports: Rect,
    pub outline: Rect,
    pub text: Rect,
    pub indicators: Rect,
    pub filter: Rect,
    pub status: Rect,
    /// Too small for panes: only a notice is drawn.
    pub too_small: bool,
}

impl Areas {
    pub fn pane(&self, p: Pane) -> Rect {
        match p {
            Pane::Reports => self.reports,
            Pane::Outline => self.outline,
            Pane::Text => self.text,
            Pane::Indicators => self.indicators,
        }
    }

    /// The pane under a screen position.
    pub fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        PANES.into_iter().find(|&p| {
            let r = self.pane(p);
            r.width > 0 && x >= r.x && x < r.right() && y >= r.y && y < r.bottom()
        })
    }
}

/// Inner rectangle of a bordered block.
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1).min(r.right()),
        y: r.y.saturating_add(1).min(r.bottom()),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// Lay out a `width`×`height` screen. `focus` decides which pane gets a narrow screen,
/// `indicators` whether the table is shown, `report_rows` how many lines the report list wants.
pub fn areas(width: u16, height: u16, focus: Pane, indicators: bool, report_rows: usize) -> Areas {
    let full = Rect::new(0, 0, width, height);
    if width < 20 || height < 6 {
        return Areas {
            status: full,
            too_small: true,
            ..Default::default()
        };
    }
    let status = Rect::new(0, height - 1, width, 1);
    let filter = Rect::new(0, height - 2, width, 1);
    let main = Rect::new(0, 0, width, height - 2);
    let mut a = Areas {
        filter,
        status,
        ..Default::default()
    };
    if width < 60 {
        // One pane at a time: the focused one (the table shares with the text when shown).
        match focus {
            Pane::Reports => a.reports = main,
            Pane::Outline => a.outline = main,
            Pane::Text | Pane::Indicators if indicators && main.height >= 12 => {
                let t = main.height / 2;
                a.text = Rect { height: t, ..main };
                a.indicators = Rect {
                    y: main.y + t,
                    height: main.height - t,
                    ..main
                };
            }
            Pane::Text => a.text = main,
            Pane::Indicators => a.indicators = main,
        }
        return a;
    }
    let left_w = if width >= 120 {
        (width * 28 / 100).clamp(34, 48)
    } else {
        (width * 32 / 100).max(24)
    };
    let left = Rect {
        width: left_w,
        ..main
    };
    let right = Rect {
        x: left_w,
        width: width - left_w,
        ..main
    };
    let want = (report_rows as u16).saturating_add(2).max(3);
    let rep_h = want.min(left.height * 2 / 5).max(3.min(left.height));
    a.reports = Rect {
        height: rep_h,
        ..left
    };
    a.outline = Rect {
        y: left.y + rep_h,
        height: left.height - rep_h,
        ..left
    };
    if indicators && right.height >= 10 {
        let ind_h = (right.height * 2 / 5).max(6);
        a.text = Rect {
            height: right.height - ind_h,
            ..right
        };
        a.indicators = Rect {
            y: right.y + right.height - ind_h,
            height: ind_h,
            ..right
        };
    } else {
        a.text = right;
    }
    a
}

/// The zoomed indicator table: it takes every pane's place (the filter and status rows stay).
pub fn zoom_table(a: Areas) -> Areas {
    if a.too_small {
        return a;
    }
    let main = Rect::new(0, 0, a.status.width, a.filter.y);
    Areas {
        reports: Rect::default(),
        outline: Rect::default(),
        text: Rect::default(),
        indicators: main,
        ..a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_screen_at_every_size() {
        for w in 0..200u16 {
            for h in (0..60u16).step_by(3) {
                for focus in PANES {
                    let a = areas(w, h, focus, true, 5);
                    for p in PANES {
                        let r = a.pane(p);
                        assert!(r.right() <= w && r.bottom() <= h, "{w}x{h} {p:?} {r:?}");
                    }
                }
            }
        }
        let a = areas(120, 40, Pane::Text, true, 3);
        assert!(!a.too_small);
        assert_eq!(a.pane_at(a.text.x + 1, a.text.y + 1), Some(Pane::Text));
        assert_eq!(a.pane_at(0, 39), None);
    }
}
