//! The terminal as the explorer sees it: its size and the colours; `t` cycles the theme.

use super::ask::Ask;
use super::effect::Effect;
use super::status::Tone;
use super::theme::Theme;
use ratatui::layout::Rect;

/// The screen's state.
#[derive(Debug, Clone, PartialEq)]
pub struct Screen {
    /// Colours and styles.
    pub theme: Theme,
    /// False under `NO_COLOR` or `--no-color`: the theme stays monochrome.
    pub color: bool,
    /// The terminal size, for mouse hit tests and for popups that wrap to it.
    pub size: (u16, u16),
}

impl Screen {
    /// A screen in a theme, in colour, at a size the first resize replaces.
    pub fn new(theme: Theme) -> Screen {
        Screen {
            theme,
            color: true,
            size: (120, 40),
        }
    }

    /// The whole terminal.
    pub fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    /// `t`: the next theme, remembered for the next session; without colour, a word why not.
    pub fn cycle_theme(&mut self) -> Vec<Ask> {
        if !self.color {
            return vec![Ask::say(
                "colours are off (NO_COLOR or --no-color); the theme stays monochrome",
                Tone::Info,
            )];
        }
        let next = self.theme.name.next();
        self.theme = Theme::new(next);
        vec![
            Ask::say(format!("theme: {}", next.name()), Tone::Info),
            Ask::Effect(Effect::RememberTheme(next)),
        ]
    }
}
