//! Colours. `none` uses only bold/reverse/underline, for NO_COLOR and monochrome terminals.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub border: Style,
    pub border_focus: Style,
    pub title: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub dim: Style,
    pub heading: Style,
    pub matched: Style,
    pub current_match: Style,
    pub current_para: Style,
    pub crumb: Style,
    pub count: Style,
    pub header: Style,
    pub status: Style,
    pub key: Style,
    pub toast: Style,
    pub error: Style,
    pub gauge: Style,
}

impl Theme {
    pub fn dark() -> Theme {
        Theme {
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan),
            title: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            selected_unfocused: Style::new().bg(Color::DarkGray).fg(Color::White),
            dim: Style::new().fg(Color::Gray),
            heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            matched: Style::new().bg(Color::Yellow).fg(Color::Black),
            current_match: Style::new()
                .bg(Color::LightRed)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            current_para: Style::new().fg(Color::Cyan),
            crumb: Style::new().fg(Color::Green),
            count: Style::new().fg(Color::Yellow),
            header: Style::new()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            status: Style::new().bg(Color::Black).fg(Color::Gray),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            toast: Style::new().bg(Color::Green).fg(Color::Black),
            error: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            gauge: Style::new().fg(Color::Cyan),
        }
    }

    pub fn light() -> Theme {
        Theme {
            border: Style::new().fg(Color::Gray),
            border_focus: Style::new().fg(Color::Blue),
            selected: Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            selected_unfocused: Style::new().bg(Color::Gray).fg(Color::Black),
            dim: Style::new().fg(Color::DarkGray),
            heading: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            current_para: Style::new().fg(Color::Blue),
            crumb: Style::new().fg(Color::Magenta),
            count: Style::new().fg(Color::Red),
            header: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            status: Style::new().bg(Color::Gray).fg(Color::Black),
            key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            gauge: Style::new().fg(Color::Blue),
            ..Theme::dark()
        }
    }

    pub fn none() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let rev = Style::new().add_modifier(Modifier::REVERSED);
        Theme {
            border: plain,
            border_focus: bold,
            title: bold,
            selected: rev.add_modifier(Modifier::BOLD),
            selected_unfocused: rev,
            dim: plain,
            heading: bold,
            matched: Style::new().add_modifier(Modifier::UNDERLINED),
            current_match: rev.add_modifier(Modifier::UNDERLINED),
            current_para: bold,
            crumb: Style::new().add_modifier(Modifier::ITALIC),
            count: bold,
            header: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            status: plain,
            key: bold,
            toast: rev,
            error: bold,
            gauge: bold,
        }
    }

    /// The styles of a theme choice (resolved by the settings, `NO_COLOR` included).
    pub fn of(choice: crate::config::Theme) -> Theme {
        match choice {
            crate::config::Theme::Dark => Theme::dark(),
            crate::config::Theme::Light => Theme::light(),
            crate::config::Theme::None => Theme::none(),
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
}
