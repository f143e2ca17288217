//! Semantic styles: views ask for "selected" or "dim", never for a colour.

use ratatui::style::{Color, Modifier, Style};
use strum::VariantArray;

/// The colour scheme, in the order `t` cycles them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::EnumCount, strum::VariantArray)]
pub enum ThemeName {
    /// Light text on a dark background.
    #[default]
    Dark,
    /// Dark text on a light background.
    Light,
    /// No colour at all: bold, reverse, dim and underline only.
    Mono,
}

impl ThemeName {
    /// The name `--theme` takes and messages show.
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Mono => "mono",
        }
    }

    /// The next scheme in the cycle.
    pub fn next(self) -> ThemeName {
        let all = ThemeName::VARIANTS;
        let i = all.iter().position(|t| *t == self).unwrap_or(0);
        all[(i + 1) % all.len()]
    }
}

/// Styles by meaning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// Which scheme this is.
    pub name: ThemeName,
    /// The whole screen's background and text: the light theme brings its own background, so
    /// dark text never lands on a dark terminal.
    pub base: Style,
    /// Ordinary text.
    pub text: Style,
    /// Less important text: hints, units, knocked-out engines.
    pub dim: Style,
    /// Titles and headers.
    pub title: Style,
    /// The border of the focused pane.
    pub focus: Style,
    /// Borders of other panes.
    pub border: Style,
    /// The selected row (also marked with a glyph, so it shows without colour).
    pub selected: Style,
    /// Characters matched by the search.
    pub matched: Style,
    /// Score and contribution bars.
    pub bar: Style,
    /// The empty part of a bar or slider.
    pub track: Style,
    /// The range a slider can move without changing the top pick.
    pub safe: Style,
    /// Good news: agreement, a fit of 1.
    pub good: Style,
    /// Warnings: assumptions, estimates, catalogue problems.
    pub warn: Style,
    /// Errors: invalid input.
    pub error: Style,
    /// Marked engines (the shortlist).
    pub mark: Style,
    /// Cells that differ in the side-by-side comparison.
    pub differ: Style,
    /// Lines of the cost chart, one per engine.
    pub series: [Style; 6],
}

impl Theme {
    /// The theme by name.
    pub fn new(name: ThemeName) -> Theme {
        let b = Modifier::BOLD;
        match name {
            ThemeName::Dark => Theme {
                name,
                base: Style::new(),
                text: Style::new().fg(Color::Gray),
                // Colour 8 is near-black on many terminals: explanations use a readable grey.
                dim: Style::new().fg(Color::Indexed(246)),
                title: Style::new().fg(Color::White).add_modifier(b),
                focus: Style::new().fg(Color::Cyan),
                border: Style::new().fg(Color::Indexed(242)),
                selected: Style::new()
                    .bg(Color::Indexed(237))
                    .fg(Color::White)
                    .add_modifier(b),
                matched: Style::new()
                    .fg(Color::Yellow)
                    .add_modifier(b | Modifier::UNDERLINED),
                bar: Style::new().fg(Color::Cyan),
                track: Style::new().fg(Color::Indexed(242)),
                safe: Style::new().fg(Color::Green),
                good: Style::new().fg(Color::Green),
                warn: Style::new().fg(Color::Yellow),
                error: Style::new().fg(Color::Red).add_modifier(b),
                mark: Style::new().fg(Color::Magenta).add_modifier(b),
                differ: Style::new().fg(Color::Yellow).add_modifier(b),
                // Okabe and Ito's palette, told apart by most colour-blind readers: orange, sky
                // blue, bluish green, yellow, blue, vermilion.
                series: [
                    Style::new().fg(Color::Indexed(214)),
                    Style::new().fg(Color::Indexed(117)),
                    Style::new().fg(Color::Indexed(36)),
                    Style::new().fg(Color::Indexed(227)),
                    Style::new().fg(Color::Indexed(32)),
                    Style::new().fg(Color::Indexed(202)),
                ],
            },
            ThemeName::Light => Theme {
                name,
                base: Style::new().bg(Color::Indexed(255)).fg(Color::Black),
                text: Style::new().fg(Color::Black),
                dim: Style::new().fg(Color::Indexed(244)),
                title: Style::new().fg(Color::Black).add_modifier(b),
                focus: Style::new().fg(Color::Blue),
                border: Style::new().fg(Color::Indexed(248)),
                selected: Style::new()
                    .bg(Color::Indexed(254))
                    .fg(Color::Black)
                    .add_modifier(b),
                matched: Style::new()
                    .fg(Color::Indexed(130))
                    .add_modifier(b | Modifier::UNDERLINED),
                bar: Style::new().fg(Color::Blue),
                track: Style::new().fg(Color::Indexed(250)),
                safe: Style::new().fg(Color::Indexed(28)),
                good: Style::new().fg(Color::Indexed(28)),
                warn: Style::new().fg(Color::Indexed(130)),
                error: Style::new().fg(Color::Red).add_modifier(b),
                mark: Style::new().fg(Color::Magenta).add_modifier(b),
                differ: Style::new().fg(Color::Indexed(130)).add_modifier(b),
                // Okabe and Ito's palette, darkened for a light background.
                series: [
                    Style::new().fg(Color::Indexed(166)),
                    Style::new().fg(Color::Indexed(31)),
                    Style::new().fg(Color::Indexed(29)),
                    Style::new().fg(Color::Indexed(136)),
                    Style::new().fg(Color::Indexed(25)),
                    Style::new().fg(Color::Indexed(125)),
                ],
            },
            ThemeName::Mono => Theme {
                name,
                base: Style::new(),
                text: Style::new(),
                dim: Style::new().add_modifier(Modifier::DIM),
                title: Style::new().add_modifier(b),
                focus: Style::new().add_modifier(b),
                border: Style::new(),
                selected: Style::new().add_modifier(Modifier::REVERSED),
                matched: Style::new().add_modifier(Modifier::UNDERLINED | b),
                bar: Style::new(),
                track: Style::new().add_modifier(Modifier::DIM),
                safe: Style::new().add_modifier(b),
                good: Style::new(),
                warn: Style::new().add_modifier(b),
                error: Style::new().add_modifier(b),
                mark: Style::new().add_modifier(b),
                differ: Style::new().add_modifier(b | Modifier::UNDERLINED),
                series: [Style::new(); 6],
            },
        }
    }

    /// True for the scheme without colour.
    pub fn is_mono(&self) -> bool {
        self.name == ThemeName::Mono
    }
}
