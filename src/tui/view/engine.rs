//! The engine view: one engine whole, full screen — `mtafit show`'s fact sheet wrapped to the
//! width, its sources as terminal hyperlinks (OSC 8), its age in the title.

use super::{Shared, popup_frame};
use crate::tui::scroll::Scroll;
use mtafit_model::text;
use mtafit_render::{engine, sentence};
use ratatui::Frame;
use ratatui::buffer::CellDiffOption;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use std::num::NonZeroU16;

/// Columns of the fact sheet's labels, with their indent: the rest of a line is the value.
const LABEL_COLUMNS: usize = 16;

/// The keys the view takes, in its footer.
const FOOTER: &str = "↑↓/jk scroll · PgUp/PgDn · g/G top/bottom · Esc/q back";

/// A link in a line: its first column, the text shown and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The display column it starts at.
    pub column: usize,
    /// The text shown (the URL itself).
    pub text: String,
    /// The target, safe to put in an escape sequence.
    pub url: String,
}

/// A catalogue URL fit to be a hyperlink's target: `http` or `https`, and only printable ASCII,
/// so nothing in it can end the escape sequence it travels in or start another. A URL with a
/// control character or any other scheme stays plain text.
pub fn link_target(url: &str) -> Option<&str> {
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    let printable = url.bytes().all(|b| b.is_ascii_graphic());
    let has_host = url
        .split_once("://")
        .is_some_and(|(_, rest)| !rest.is_empty());
    (scheme_ok && printable && has_host).then_some(url)
}

/// A line of the sheet, made safe to draw, with the links in it. URLs are found in the raw line
/// (a word starting `http://` or `https://`, less trailing punctuation), so one carrying a
/// control character is refused as a link before the text is cleaned for display.
pub fn links_in(raw: &str) -> (String, Vec<Link>) {
    let mut shown = String::new();
    let mut links = Vec::new();
    for (n, word) in raw.split(' ').enumerate() {
        if n > 0 {
            shown.push(' ');
        }
        let at = match (word.find("http://"), word.find("https://")) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let Some(at) = at {
            let (before, url) = word.split_at(at);
            let url = url.trim_end_matches([')', ',', ';', '.', ':']);
            let after = &word[at + url.len()..];
            shown.push_str(&text::sanitize(before));
            if let Some(target) = link_target(url) {
                links.push(Link {
                    column: text::width(&shown),
                    text: target.to_owned(),
                    url: target.to_owned(),
                });
                shown.push_str(target);
            } else {
                shown.push_str(&text::sanitize(url));
            }
            shown.push_str(&text::sanitize(after));
        } else {
            shown.push_str(&text::sanitize(word));
        }
    }
    (shown, links)
}

/// The escape sequence that shows `text` as a link to `url` (OSC 8, ended by ST).
pub fn hyperlink(url: &str, text: &str) -> String {
    format!("\x1b]8;;{url}\x1b\\{text}\x1b]8;;\x1b\\")
}

/// Draw one engine whole over the screen.
pub fn draw(s: &Shared, frame: &mut Frame, area: Rect, engine_index: usize, scroll: &Scroll) {
    let t = &s.theme;
    let e = s.model.engine(engine_index);
    let age = sentence::age(&e.checked, mtafit_model::calendar::today())
        .map(|a| format!(" · checked {a}"))
        .unwrap_or_default();
    let title = text::sanitize(&format!("{}{age}", e.name)).into_owned();
    let inner = popup_frame(s, frame, area, &title, FOOTER);
    if inner.width < 4 || inner.height == 0 {
        return;
    }
    // A column in from the border, as the text views have.
    let body = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(1),
        inner.height,
    );
    let width = usize::from(body.width);
    let path = s.model.cat.paths.get(&e.id).map(String::as_str);
    // One column short of the border, so no line touches it.
    let sheet = engine::sheet(e, path, width.saturating_sub(1));
    let lines: Vec<(String, Vec<Link>)> = sheet.lines().map(links_in).collect();
    let h = usize::from(body.height);
    let from = scroll.show_text(lines.len(), h);
    let link_style = t.text.add_modifier(Modifier::UNDERLINED);
    for (n, (shown, links)) in lines.iter().skip(from).take(h).enumerate() {
        let y = body.y + n as u16;
        let row = Rect::new(body.x, y, body.width, 1);
        let style_of = |column: usize| -> Style {
            // The name line is a title; in the others, the label column.
            if from + n == 0 || column < LABEL_COLUMNS {
                t.title
            } else {
                t.text
            }
        };
        // Label and value in their styles; each link underlined.
        let mut spans = Vec::new();
        let mut column = 0;
        let mut rest = shown.as_str();
        for link in links {
            let start = link.column - column;
            let (plain, tail) = split_at_column(rest, start);
            spans.extend(styled_by_column(plain, column, &style_of));
            column += text::width(plain);
            let (linked, tail) = split_at_column(tail, text::width(&link.text));
            spans.push(Span::styled(linked.to_owned(), link_style));
            column += text::width(linked);
            rest = tail;
        }
        spans.extend(styled_by_column(rest, column, &style_of));
        frame.render_widget(Line::from(spans), row);
        // Then each link's first cell carries the whole link, escape and all, standing for as
        // many columns as its text shows (ratatui's way to draw a hyperlink): a link cut at
        // the edge shows what fits and still leads to the whole URL.
        for link in links {
            let room = width.saturating_sub(link.column);
            let shown_text = text::truncate(&link.text, room);
            let w = text::width(&shown_text);
            let Some(forced) = u16::try_from(w).ok().and_then(NonZeroU16::new) else {
                continue;
            };
            let x = body.x + link.column as u16;
            if let Some(cell) = frame.buffer_mut().cell_mut((x, y)) {
                cell.set_symbol(&hyperlink(&link.url, &shown_text))
                    .set_diff_option(CellDiffOption::ForcedWidth(forced));
            }
        }
    }
}

/// `s` split where `column` display columns of it end.
fn split_at_column(s: &str, column: usize) -> (&str, &str) {
    let mut w = 0;
    for (i, c) in s.char_indices() {
        if w >= column {
            return s.split_at(i);
        }
        w += text::width(&c.to_string());
    }
    (s, "")
}

/// `s`, starting at display column `from`, as spans styled by the column each part is in: the
/// label columns and the value columns.
fn styled_by_column(s: &str, from: usize, style_of: &dyn Fn(usize) -> Style) -> Vec<Span<'static>> {
    if s.is_empty() {
        return Vec::new();
    }
    let (label, value) = split_at_column(s, LABEL_COLUMNS.saturating_sub(from));
    let mut out = Vec::new();
    if !label.is_empty() {
        out.push(Span::styled(label.to_owned(), style_of(from)));
    }
    if !value.is_empty() {
        out.push(Span::styled(
            value.to_owned(),
            style_of(from + text::width(label)),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_clean_web_urls_become_links() {
        assert_eq!(
            link_target("https://www.postfix.org/"),
            Some("https://www.postfix.org/")
        );
        assert_eq!(
            link_target("http://x.org/a?b=c;d"),
            Some("http://x.org/a?b=c;d")
        );
        assert_eq!(
            link_target("https://x.org/\x1b]8;;https://evil\x1b\\"),
            None
        );
        assert_eq!(link_target("https://x.org/\x07"), None);
        assert_eq!(link_target("javascript:alert(1)"), None);
        assert_eq!(link_target("file:///etc/passwd"), None);
        assert_eq!(link_target("https://"), None);
        assert_eq!(link_target("https://exämple.org"), None);
    }

    #[test]
    fn links_are_found_in_a_line_and_hostile_ones_are_shown_clean() {
        let (shown, links) = links_in("  sources       https://a.org/x, (source: http://b.org)");
        assert_eq!(
            shown,
            "  sources       https://a.org/x, (source: http://b.org)"
        );
        assert_eq!(
            links,
            [
                Link {
                    column: 16,
                    text: "https://a.org/x".into(),
                    url: "https://a.org/x".into()
                },
                Link {
                    column: 42,
                    text: "http://b.org".into(),
                    url: "http://b.org".into()
                }
            ]
        );
        let (shown, links) = links_in("  https://a.org/\x1b]8;;https://evil\x1b\\ done");
        assert!(links.is_empty());
        assert!(!shown.contains('\x1b'), "{shown:?}");
        assert!(shown.ends_with(" done"));
    }
}
