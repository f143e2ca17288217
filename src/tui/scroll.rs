//! Scroll positions: `update` moves them, and each draw records what it could show, so
//! `update` never measures text itself (the idea of gitui's `VerticalScroll`).

use super::action::Action;
use std::cell::Cell;

/// One scrollable area: its first visible line and what the last draw measured.
///
/// The view records through `&self` (it only draws, and sees the app read-only), hence `Cell`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scroll {
    /// The first line shown.
    top: Cell<usize>,
    /// Lines the last draw could show; 0 before the first draw.
    height: Cell<usize>,
    /// Lines of content at the last draw.
    len: Cell<usize>,
}

impl Scroll {
    /// The first line shown at the last draw (or asked for since).
    pub fn top(&self) -> usize {
        self.top.get()
    }

    /// Half of what the last draw could show, at least one line: the Ctrl-D / Ctrl-U step.
    pub fn half_page(&self) -> usize {
        (self.height.get() / 2).max(1)
    }

    /// The furthest the top can go, once a draw has measured the content.
    fn max_top(&self) -> Option<usize> {
        (self.height.get() > 0).then(|| self.len.get().saturating_sub(self.height.get()))
    }

    fn set(&self, top: usize) {
        self.top.set(self.max_top().map_or(top, |m| top.min(m)));
    }

    /// Move by `delta` lines, stopping at either end.
    pub fn scroll_by(&self, delta: isize) {
        self.set(self.top.get().saturating_add_signed(delta));
    }

    /// Back to the first line.
    pub fn to_top(&self) {
        self.top.set(0);
    }

    /// To the last page.
    pub fn to_bottom(&self) {
        self.set(usize::MAX);
    }

    /// A text area's keys: the movement keys and the wheel scroll it; other actions leave it alone.
    pub fn update(&self, action: Action) {
        let page = self.half_page() as isize;
        match action {
            Action::Up => self.scroll_by(-1),
            Action::Down => self.scroll_by(1),
            Action::Top => self.to_top(),
            Action::Bottom => self.to_bottom(),
            Action::HalfPageDown => self.scroll_by(page),
            Action::HalfPageUp => self.scroll_by(-page),
            Action::Wheel(_, _, down) => self.scroll_by(if down { 3 } else { -3 }),
            _ => {}
        }
    }

    /// For text: record `len` lines in a window of `height`, and return the first line to show
    /// (the last page stays full).
    pub fn show_text(&self, len: usize, height: usize) -> usize {
        self.len.set(len);
        self.height.set(height);
        self.set(self.top.get());
        self.top.get()
    }

    /// For a list: record it, move the window just enough to show row `selected`, and return
    /// the first row to show.
    pub fn show_row(&self, selected: Option<usize>, len: usize, height: usize) -> usize {
        self.len.set(len);
        self.height.set(height);
        let mut top = self.top.get();
        if let Some(at) = selected {
            if at < top {
                top = at;
            } else if height > 0 && at >= top + height {
                top = at + 1 - height;
            }
        }
        self.set(top);
        self.top.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_stops_at_its_last_page() {
        let s = Scroll::default();
        s.scroll_by(50);
        assert_eq!(s.top(), 50, "nothing measured yet: kept until the draw");
        assert_eq!(s.show_text(30, 10), 20, "the draw keeps the last page full");
        s.scroll_by(5);
        assert_eq!(s.top(), 20);
        s.scroll_by(-3);
        assert_eq!(s.top(), 17);
        s.to_bottom();
        assert_eq!(s.top(), 20);
        s.to_top();
        assert_eq!(s.top(), 0);
        assert_eq!(s.half_page(), 5);
        // Content shorter than the window: no scrolling at all.
        assert_eq!(s.show_text(4, 10), 0);
        s.scroll_by(3);
        assert_eq!(s.top(), 0);
    }

    #[test]
    fn lists_follow_the_selection() {
        let s = Scroll::default();
        assert_eq!(s.show_row(Some(0), 40, 10), 0);
        assert_eq!(s.show_row(Some(12), 40, 10), 3, "down past the window");
        assert_eq!(s.show_row(Some(5), 40, 10), 3, "inside: no move");
        assert_eq!(s.show_row(Some(1), 40, 10), 1, "up past the window");
        assert_eq!(s.show_row(Some(39), 40, 10), 30);
        // A taller window shows the rows above again.
        assert_eq!(s.show_row(Some(39), 40, 50), 0);
        assert_eq!(s.show_row(None, 0, 0), 0);
    }
}
