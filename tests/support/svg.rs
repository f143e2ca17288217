//! A terminal screen as a standalone SVG picture (test-only: the screenshot test includes it).
//!
//! The README shows the explorer as it really looks. Drawing that picture from the very buffer
//! the terminal would get, instead of a hand-made screenshot, lets a test notice when it goes
//! stale, and keeps it a small text file that diffs line by line (one `<text>` per screen row).
//!
//! Box-drawing and block characters are drawn as shapes rather than glyphs: the reader's
//! browser picks the font, and glyphs from most fonts leave gaps between rows or columns.
//! Each text run is pinned to its cells with `textLength` for the same reason: a font that is
//! narrower or wider than the grid would otherwise drift across a long line.

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Geometry is kept in integer units of 1/40 px, so that every edge (cells, eighths of a
/// cell, stroke halves) is exact: adjacent shapes then share edges and merge, and the output
/// never depends on float rounding.
const UNIT: i64 = 40;
/// 8.4 px: 0.6 em at 14 px, the advance of most monospace fonts.
const CELL_W: i64 = 336;
/// 17 px: tall enough for descenders, short enough that rows read as one screen.
const CELL_H: i64 = 680;
/// The text baseline sits this far below the top of its row (13 px).
const BASELINE: i64 = 520;
const PAD: i64 = 480;
const LIGHT: i64 = 48;
const HEAVY: i64 = 96;
const FONT: &str = "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
const FONT_SIZE: &str = "14";

/// A colour ready to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rgb(u8, u8, u8);

impl std::fmt::Display for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

const DEFAULT_FG: Rgb = Rgb(0xcc, 0xcc, 0xcc);
const DEFAULT_BG: Rgb = Rgb(0x1e, 0x1e, 0x1e);

/// The VS Code dark terminal palette, with bright white made truly white so that titles
/// stand out from ordinary (gray) text as they do in most terminals.
const NAMED: [Rgb; 16] = [
    Rgb(0x00, 0x00, 0x00),
    Rgb(0xcd, 0x31, 0x31),
    Rgb(0x0d, 0xbc, 0x79),
    Rgb(0xe5, 0xe5, 0x10),
    Rgb(0x24, 0x72, 0xc8),
    Rgb(0xbc, 0x3f, 0xbc),
    Rgb(0x11, 0xa8, 0xcd),
    Rgb(0xe5, 0xe5, 0xe5),
    Rgb(0x66, 0x66, 0x66),
    Rgb(0xf1, 0x4c, 0x4c),
    Rgb(0x23, 0xd1, 0x8b),
    Rgb(0xf5, 0xf5, 0x43),
    Rgb(0x3b, 0x8e, 0xea),
    Rgb(0xd6, 0x70, 0xd6),
    Rgb(0x29, 0xb8, 0xdb),
    Rgb(0xff, 0xff, 0xff),
];

/// `Reset` means "whatever the terminal's default is", so the caller says which default.
fn rgb(c: Color, default: Rgb) -> Rgb {
    match c {
        Color::Reset => default,
        Color::Black => NAMED[0],
        Color::Red => NAMED[1],
        Color::Green => NAMED[2],
        Color::Yellow => NAMED[3],
        Color::Blue => NAMED[4],
        Color::Magenta => NAMED[5],
        Color::Cyan => NAMED[6],
        Color::Gray => NAMED[7],
        Color::DarkGray => NAMED[8],
        Color::LightRed => NAMED[9],
        Color::LightGreen => NAMED[10],
        Color::LightYellow => NAMED[11],
        Color::LightBlue => NAMED[12],
        Color::LightMagenta => NAMED[13],
        Color::LightCyan => NAMED[14],
        Color::White => NAMED[15],
        Color::Rgb(r, g, b) => Rgb(r, g, b),
        Color::Indexed(n) => indexed(n),
    }
}

/// The standard xterm-256 table.
fn indexed(n: u8) -> Rgb {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    match n {
        0..=15 => NAMED[n as usize],
        16..=231 => {
            let i = n - 16;
            Rgb(
                LEVELS[(i / 36) as usize],
                LEVELS[(i / 6 % 6) as usize],
                LEVELS[(i % 6) as usize],
            )
        }
        232..=255 => {
            let v = 8 + 10 * (n - 232);
            Rgb(v, v, v)
        }
    }
}

/// Dim text is drawn as the colour it would appear at 60% opacity over its background;
/// a plain colour survives every renderer, where opacity on `<tspan>` does not.
fn dim(fg: Rgb, bg: Rgb) -> Rgb {
    let mix = |f: u8, b: u8| ((f as u16 * 6 + b as u16 * 4 + 5) / 10) as u8;
    Rgb(mix(fg.0, bg.0), mix(fg.1, bg.1), mix(fg.2, bg.2))
}

/// What a cell looks like once the terminal has resolved its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Look {
    fg: Rgb,
    bg: Rgb,
    bold: bool,
    italic: bool,
    underline: bool,
    strike: bool,
    hidden: bool,
}

fn look(cell: &Cell) -> Look {
    let m = cell.modifier;
    let (mut fg, mut bg) = (rgb(cell.fg, DEFAULT_FG), rgb(cell.bg, DEFAULT_BG));
    if m.contains(Modifier::REVERSED) {
        std::mem::swap(&mut fg, &mut bg);
    }
    if m.contains(Modifier::DIM) {
        fg = dim(fg, bg);
    }
    Look {
        fg,
        bg,
        bold: m.contains(Modifier::BOLD),
        italic: m.contains(Modifier::ITALIC),
        underline: m.contains(Modifier::UNDERLINED),
        strike: m.contains(Modifier::CROSSED_OUT),
        hidden: m.contains(Modifier::HIDDEN),
    }
}

impl Look {
    /// Whether a space in this style draws anything beyond its background.
    fn marks_spaces(&self) -> bool {
        self.underline || self.strike
    }

    /// Two looks that draw text identically (background is painted separately).
    fn same_text(&self, o: &Look) -> bool {
        (self.fg, self.bold, self.italic, self.underline, self.strike)
            == (o.fg, o.bold, o.italic, o.underline, o.strike)
    }
}

/// Arms of a box-drawing character: up, right, down, left, and whether they are heavy.
/// Characters mixing weights, or double lines, are left to the font.
fn box_arms(c: char) -> Option<([bool; 4], bool)> {
    let (arms, heavy) = match c {
        '─' => ([0, 1, 0, 1], false),
        '│' => ([1, 0, 1, 0], false),
        '┌' => ([0, 1, 1, 0], false),
        '┐' => ([0, 0, 1, 1], false),
        '└' => ([1, 1, 0, 0], false),
        '┘' => ([1, 0, 0, 1], false),
        '├' => ([1, 1, 1, 0], false),
        '┤' => ([1, 0, 1, 1], false),
        '┬' => ([0, 1, 1, 1], false),
        '┴' => ([1, 1, 0, 1], false),
        '┼' => ([1, 1, 1, 1], false),
        '━' => ([0, 1, 0, 1], true),
        '┃' => ([1, 0, 1, 0], true),
        '┏' => ([0, 1, 1, 0], true),
        '┓' => ([0, 0, 1, 1], true),
        '┗' => ([1, 1, 0, 0], true),
        '┛' => ([1, 0, 0, 1], true),
        '┣' => ([1, 1, 1, 0], true),
        '┫' => ([1, 0, 1, 1], true),
        '┳' => ([0, 1, 1, 1], true),
        '┻' => ([1, 1, 0, 1], true),
        '╋' => ([1, 1, 1, 1], true),
        _ => return None,
    };
    Some((arms.map(|a| a == 1), heavy))
}

/// Rounded corners as (horizontal arm direction, vertical arm direction); +1 is right/down.
fn rounded(c: char) -> Option<(i64, i64)> {
    match c {
        '╭' => Some((1, 1)),
        '╮' => Some((-1, 1)),
        '╯' => Some((-1, -1)),
        '╰' => Some((1, -1)),
        _ => None,
    }
}

/// The part of the cell a block element fills, in eighths: x0, y0, x1, y1.
fn block(c: char) -> Option<(i64, i64, i64, i64)> {
    Some(match c {
        '█' => (0, 0, 8, 8),
        '▀' => (0, 0, 8, 4),
        '▔' => (0, 0, 8, 1),
        '▐' => (4, 0, 8, 8),
        '▕' => (7, 0, 8, 8),
        '▁'..='▇' => (0, 8 - (c as i64 - '▀' as i64), 8, 8),
        '▉'..='▏' => (0, 0, 8 - (c as i64 - '█' as i64), 8),
        _ => return None,
    })
}

/// The character a cell holds, if it is exactly one.
fn single(sym: &str) -> Option<char> {
    let mut chars = sym.chars();
    chars.next().filter(|_| chars.next().is_none())
}

/// An axis-aligned filled rectangle, in units.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Box2 {
    x0: i64,
    y0: i64,
    x1: i64,
    y1: i64,
    fill: Rgb,
}

impl Box2 {
    fn new(x0: i64, y0: i64, x1: i64, y1: i64, fill: Rgb) -> Box2 {
        Box2 {
            x0,
            y0,
            x1,
            y1,
            fill,
        }
    }
}

/// Cells are visited row by row, so horizontal neighbours only ever need to be compared with
/// the last box pushed.
fn push_merging_right(boxes: &mut Vec<Box2>, b: Box2) {
    if let Some(last) = boxes.last_mut()
        && (last.y0, last.y1, last.fill) == (b.y0, b.y1, b.fill)
        && last.x1 == b.x0
    {
        last.x1 = b.x1;
        return;
    }
    boxes.push(b);
}

/// Vertical strokes of one column arrive a row apart, so they are merged after sorting.
fn merge_down(mut boxes: Vec<Box2>) -> Vec<Box2> {
    boxes.sort_by_key(|b| (b.x0, b.x1, b.fill, b.y0));
    let mut out: Vec<Box2> = Vec::with_capacity(boxes.len());
    for b in boxes {
        if let Some(last) = out.last_mut()
            && (last.x0, last.x1, last.fill) == (b.x0, b.x1, b.fill)
            && last.y1 == b.y0
        {
            last.y1 = b.y1;
            continue;
        }
        out.push(b);
    }
    out.sort_by_key(|b| (b.y0, b.x0, b.x1, b.y1, b.fill));
    out
}

/// Units to pixels, with no trailing zeros so equal geometry always prints the same.
fn px(u: i64) -> String {
    let whole = u.div_euclid(UNIT);
    let frac = u.rem_euclid(UNIT) * 1000 / UNIT;
    if frac == 0 {
        whole.to_string()
    } else {
        let s = format!("{whole}.{frac:03}");
        s.trim_end_matches('0').to_string()
    }
}

/// XML-escape text; control characters (not allowed in XML at all) become U+FFFD.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A stretch of text in one style, waiting to be written.
struct Run {
    col: i64,
    cells: i64,
    text: String,
    look: Look,
}

impl Run {
    fn write(mut self, out: &mut String) {
        if !self.look.marks_spaces() {
            let trimmed = self.text.trim_end_matches(' ').len();
            self.cells -= (self.text.len() - trimmed) as i64;
            self.text.truncate(trimmed);
        }
        if self.text.is_empty() {
            return;
        }
        let l = &self.look;
        let _ = write!(out, "<tspan x=\"{}\"", px(self.col * CELL_W));
        if self.cells > 1 {
            let _ = write!(out, " textLength=\"{}\"", px(self.cells * CELL_W));
        }
        if l.fg != DEFAULT_FG {
            let _ = write!(out, " fill=\"{}\"", l.fg);
        }
        if l.bold {
            out.push_str(" font-weight=\"bold\"");
        }
        if l.italic {
            out.push_str(" font-style=\"italic\"");
        }
        match (l.underline, l.strike) {
            (true, true) => out.push_str(" text-decoration=\"underline line-through\""),
            (true, false) => out.push_str(" text-decoration=\"underline\""),
            (false, true) => out.push_str(" text-decoration=\"line-through\""),
            (false, false) => {}
        }
        let _ = write!(out, ">{}</tspan>", escape(&self.text));
    }
}

/// Render the buffer as a standalone SVG document (ending in a newline).
pub fn render(buf: &Buffer) -> String {
    let area = buf.area;
    let (cols, rows) = (area.width as i64, area.height as i64);
    let mut backgrounds = Vec::new();
    let mut across = Vec::new();
    let mut down = Vec::new();
    let mut blocks = Vec::new();
    let mut corners = String::new();
    let mut text = String::new();

    for y in 0..rows {
        let top = y * CELL_H;
        let mut line = String::new();
        let mut run: Option<Run> = None;
        // Cells hidden behind a wide character still show its background, as in a terminal.
        let mut hidden = 0;
        let mut wide_bg = DEFAULT_BG;
        for x in 0..cols {
            let cell = &buf[(area.x + x as u16, area.y + y as u16)];
            let left = x * CELL_W;
            let mut lk = look(cell);
            let covered = hidden > 0;
            if covered {
                hidden -= 1;
                lk.bg = wide_bg;
            }
            if lk.bg != DEFAULT_BG {
                push_merging_right(
                    &mut backgrounds,
                    Box2::new(left, top, left + CELL_W, top + CELL_H, lk.bg),
                );
            }
            if covered {
                continue;
            }
            let sym = cell.symbol();
            let width = sym.width() as i64;
            if width > 1 {
                hidden = width - 1;
                wide_bg = lk.bg;
            }
            let ch = single(sym);
            let shape = !lk.hidden
                && ch.is_some_and(|c| {
                    box_arms(c).is_some() || rounded(c).is_some() || block(c).is_some()
                });
            if shape {
                let c = ch.unwrap_or(' ');
                if let Some(r) = run.take() {
                    r.write(&mut line);
                }
                if let Some((arms, heavy)) = box_arms(c) {
                    let t = if heavy { HEAVY } else { LIGHT };
                    let (cx, cy) = (left + CELL_W / 2, top + CELL_H / 2);
                    let [up, right, below, leftarm] = arms;
                    if right || leftarm {
                        let x0 = if leftarm { left } else { cx - t / 2 };
                        let x1 = if right { left + CELL_W } else { cx + t / 2 };
                        push_merging_right(
                            &mut across,
                            Box2::new(x0, cy - t / 2, x1, cy + t / 2, lk.fg),
                        );
                    }
                    if up || below {
                        let y0 = if up { top } else { cy - t / 2 };
                        let y1 = if below { top + CELL_H } else { cy + t / 2 };
                        down.push(Box2::new(cx - t / 2, y0, cx + t / 2, y1, lk.fg));
                    }
                } else if let Some((h, v)) = rounded(c) {
                    let (cx, cy) = (left + CELL_W / 2, top + CELL_H / 2);
                    let end = if v > 0 { top + CELL_H } else { top };
                    let _ = writeln!(
                        corners,
                        "<path d=\"M{} {}Q{} {} {} {}V{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
                        px(cx + h * CELL_W / 2),
                        px(cy),
                        px(cx),
                        px(cy),
                        px(cx),
                        px(cy + v * CELL_W / 2),
                        px(end),
                        lk.fg,
                        px(LIGHT),
                    );
                } else if let Some((x0, y0, x1, y1)) = block(c) {
                    push_merging_right(
                        &mut blocks,
                        Box2::new(
                            left + x0 * CELL_W / 8,
                            top + y0 * CELL_H / 8,
                            left + x1 * CELL_W / 8,
                            top + y1 * CELL_H / 8,
                            lk.fg,
                        ),
                    );
                }
                continue;
            }
            let sym = if lk.hidden || sym.is_empty() {
                " "
            } else {
                sym
            };
            let cells = width.max(1);
            let blank = sym == " ";
            match &mut run {
                // Spaces only show their background, so they may join a run of any colour.
                Some(r)
                    if r.col + r.cells == x
                        && (r.look.same_text(&lk) || (blank && !lk.marks_spaces())) =>
                {
                    r.text.push_str(sym);
                    r.cells += cells;
                }
                _ => {
                    if let Some(r) = run.take() {
                        r.write(&mut line);
                    }
                    if !blank || lk.marks_spaces() {
                        run = Some(Run {
                            col: x,
                            cells,
                            text: sym.to_string(),
                            look: lk,
                        });
                    }
                }
            }
        }
        if let Some(r) = run.take() {
            r.write(&mut line);
        }
        if !line.is_empty() {
            let _ = writeln!(text, "<text y=\"{}\">{line}</text>", px(top + BASELINE));
        }
    }

    let (w, h) = (cols * CELL_W + 2 * PAD, rows * CELL_H + 2 * PAD);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" font-family=\"{FONT}\" font-size=\"{FONT_SIZE}\" xml:space=\"preserve\">",
        px(w),
        px(h)
    );
    let _ = writeln!(
        out,
        "<rect width=\"{}\" height=\"{}\" rx=\"8\" fill=\"{DEFAULT_BG}\"/>",
        px(w),
        px(h)
    );
    let _ = writeln!(out, "<g transform=\"translate({0} {0})\">", px(PAD));
    let lines = {
        let mut all = across;
        all.extend(merge_down(down));
        all.extend(blocks);
        all
    };
    for (name, boxes) in [("backgrounds", backgrounds), ("lines", lines)] {
        if boxes.is_empty() {
            continue;
        }
        // crispEdges snaps each edge to a pixel, so neighbouring shapes neither overlap
        // with a seam nor leave a hairline between them.
        let _ = writeln!(out, "<g class=\"{name}\" shape-rendering=\"crispEdges\">");
        for b in boxes {
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                px(b.x0),
                px(b.y0),
                px(b.x1 - b.x0),
                px(b.y1 - b.y0),
                b.fill
            );
        }
        out.push_str("</g>\n");
    }
    if !corners.is_empty() {
        let _ = write!(out, "<g class=\"corners\" fill=\"none\">\n{corners}</g>\n");
    }
    let _ = write!(
        out,
        "<g class=\"text\" fill=\"{DEFAULT_FG}\">\n{text}</g>\n"
    );
    out.push_str("</g>\n</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn buffer(lines: &[&str]) -> Buffer {
        Buffer::with_lines(lines.iter().copied())
    }

    #[test]
    fn named_colours_and_reset() {
        assert_eq!(rgb(Color::Red, DEFAULT_FG).to_string(), "#cd3131");
        assert_eq!(rgb(Color::White, DEFAULT_FG).to_string(), "#ffffff");
        assert_eq!(rgb(Color::Reset, DEFAULT_FG), DEFAULT_FG);
        assert_eq!(rgb(Color::Reset, DEFAULT_BG), DEFAULT_BG);
        assert_eq!(
            rgb(Color::Indexed(9), DEFAULT_FG),
            rgb(Color::LightRed, DEFAULT_FG)
        );
    }

    #[test]
    fn indexed_cube_and_greys() {
        assert_eq!(indexed(16).to_string(), "#000000");
        assert_eq!(indexed(196).to_string(), "#ff0000");
        assert_eq!(indexed(110).to_string(), "#87afd7");
        assert_eq!(indexed(231).to_string(), "#ffffff");
        assert_eq!(indexed(232).to_string(), "#080808");
        assert_eq!(indexed(237).to_string(), "#3a3a3a");
        assert_eq!(indexed(255).to_string(), "#eeeeee");
    }

    #[test]
    fn rgb_passes_through() {
        assert_eq!(
            rgb(Color::Rgb(1, 171, 255), DEFAULT_FG).to_string(),
            "#01abff"
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape(r#"a<b>&"c""#), "a&lt;b&gt;&amp;&quot;c&quot;");
        let svg = render(&buffer(&["<&>\""]));
        assert!(svg.contains(">&lt;&amp;&gt;&quot;</tspan>"), "{svg}");
    }

    #[test]
    fn two_by_two_structure() {
        let mut buf = buffer(&["ab", "c "]);
        buf.set_style(Rect::new(0, 0, 2, 1), Style::new().bg(Color::Blue));
        buf.set_style(Rect::new(0, 1, 1, 1), Style::new().fg(Color::Green));
        let svg = render(&buf);
        // The backdrop, then one merged rect for the blue first row.
        assert_eq!(svg.matches("<rect").count(), 2, "{svg}");
        assert!(svg.contains(r##"<rect x="0" y="0" width="16.8" height="17" fill="#2472c8"/>"##));
        assert_eq!(svg.matches("<text ").count(), 2, "{svg}");
        assert!(
            svg.contains(r##"<tspan x="0" textLength="16.8">ab</tspan>"##),
            "{svg}"
        );
        assert!(
            svg.contains(r##"<tspan x="0" fill="#0dbc79">c</tspan>"##),
            "{svg}"
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
        assert_eq!(svg, render(&buf), "output must be deterministic");
    }

    #[test]
    fn reversed_swaps_colours() {
        let mut buf = buffer(&["x"]);
        let s = Style::new()
            .fg(Color::Red)
            .bg(Color::Green)
            .add_modifier(Modifier::REVERSED);
        buf.set_style(Rect::new(0, 0, 1, 1), s);
        let svg = render(&buf);
        assert!(
            svg.contains(r##"fill="#cd3131"/>"##),
            "red background: {svg}"
        );
        assert!(
            svg.contains(r##"<tspan x="0" fill="#0dbc79">x</tspan>"##),
            "{svg}"
        );

        // With default colours, reversing gives light-on-dark's opposite.
        let mut buf = buffer(&["y"]);
        buf.set_style(
            Rect::new(0, 0, 1, 1),
            Style::new().add_modifier(Modifier::REVERSED),
        );
        let svg = render(&buf);
        assert!(svg.contains(&format!("fill=\"{DEFAULT_FG}\"/>")), "{svg}");
        assert!(svg.contains(&format!("<tspan x=\"0\" fill=\"{DEFAULT_BG}\">y</tspan>")));
    }

    #[test]
    fn styles_become_attributes() {
        let mut buf = buffer(&["abcd"]);
        buf.set_style(
            Rect::new(0, 0, 1, 1),
            Style::new().add_modifier(Modifier::BOLD),
        );
        buf.set_style(
            Rect::new(1, 0, 1, 1),
            Style::new().add_modifier(Modifier::ITALIC),
        );
        buf.set_style(
            Rect::new(2, 0, 1, 1),
            Style::new().add_modifier(Modifier::UNDERLINED),
        );
        buf.set_style(
            Rect::new(3, 0, 1, 1),
            Style::new().add_modifier(Modifier::DIM),
        );
        let svg = render(&buf);
        assert!(svg.contains(r#"font-weight="bold">a<"#), "{svg}");
        assert!(svg.contains(r#"font-style="italic">b<"#), "{svg}");
        assert!(svg.contains(r#"text-decoration="underline">c<"#), "{svg}");
        assert!(svg.contains(&format!("fill=\"{}\">d<", dim(DEFAULT_FG, DEFAULT_BG))));
    }

    #[test]
    fn wide_characters_cover_the_next_cell() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        buf.set_string(0, 0, "日x", Style::new());
        let svg = render(&buf);
        // One run of three cells, the hidden cell contributing no extra space.
        assert!(
            svg.contains(r#"<tspan x="0" textLength="25.2">日x</tspan>"#),
            "{svg}"
        );
    }

    #[test]
    fn box_drawing_becomes_merged_shapes() {
        let svg = render(&buffer(&["┌──┐", "│  │", "└──┘"]));
        assert!(!svg.contains("<text"), "no glyphs should be left: {svg}");
        // Top and bottom edges, then left and right sides, each one rect.
        assert_eq!(svg.matches("<rect").count(), 1 + 4, "{svg}");
    }
}
