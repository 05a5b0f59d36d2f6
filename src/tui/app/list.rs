//! A list pane's own state (the reports, the outline, the indicator rows): its selected row and
//! where its window starts. It takes the movement actions and answers whether it used one.

use super::*;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListView {
    pub sel: usize,
    pub scroll: usize,
}

impl ListView {
    /// A movement over `len` rows shown `height` at a time. False (and nothing changes) for
    /// actions that are not movements.
    pub fn handle(&mut self, action: Action, len: usize, height: usize) -> bool {
        use Action as A;
        let h = height.max(1) as isize;
        let delta: isize = match action {
            A::Up => -1,
            A::Down => 1,
            A::PageUp => -h,
            A::PageDown => h,
            A::HalfPageUp => -(h / 2).max(1),
            A::HalfPageDown => (h / 2).max(1),
            A::Top => isize::MIN / 2,
            A::Bottom => isize::MAX / 2,
            _ => return false,
        };
        if len > 0 {
            self.sel = (self.sel as isize)
                .saturating_add(delta)
                .clamp(0, len as isize - 1) as usize;
        }
        self.keep_in_view(height, len);
        true
    }

    /// Clamp the selection to `len` rows and scroll so it is inside the `height`-row window.
    pub fn keep_in_view(&mut self, height: usize, len: usize) {
        self.sel = self.sel.min(len.saturating_sub(1));
        let height = height.max(1);
        let mut s = self.scroll.min(len.saturating_sub(height));
        if self.sel < s {
            s = self.sel;
        } else if self.sel >= s + height {
            s = self.sel + 1 - height;
        }
        self.scroll = s;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_clamp_and_keep_the_selection_in_the_window() {
        let mut v = ListView::default();
        assert!(v.handle(Action::Down, 10, 4));
        assert_eq!(v, ListView { sel: 1, scroll: 0 });
        v.handle(Action::PageDown, 10, 4);
        assert_eq!(v, ListView { sel: 5, scroll: 2 });
        v.handle(Action::Bottom, 10, 4);
        assert_eq!(v, ListView { sel: 9, scroll: 6 });
        v.handle(Action::HalfPageUp, 10, 4);
        assert_eq!(v.sel, 7);
        v.handle(Action::Top, 10, 4);
        assert_eq!(v, ListView { sel: 0, scroll: 0 });
        // Not a movement: not used, nothing changes.
        assert!(!v.handle(Action::CopyTable, 10, 4));
        assert_eq!(v, ListView::default());
        // An empty list stays at 0.
        let mut e = ListView::default();
        assert!(e.handle(Action::Down, 0, 4));
        assert_eq!(e, ListView::default());
    }
}
