//! Copy over SSH: OSC 52 (built by crossterm's `osc52` feature), wrapped for the multiplexer
//! in between. Written by the event loop after a draw, never inside a frame.

use crossterm::clipboard::CopyToClipboard;
use crossterm::Command;

/// How to wrap the sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mux {
    /// A terminal, or tmux with `set-clipboard on` (tmux takes the plain sequence itself).
    Plain,
    /// tmux passthrough (`\ePtmux;…\e\\`, needs `allow-passthrough on`).
    TmuxPassthrough,
    /// GNU screen: DCS in chunks (screen limits one string's length).
    Screen,
}

impl Mux {
    /// From the environment: `$STY` means screen; under `$TMUX` the plain form unless
    /// `BAOGAO_OSC52=passthrough` (or the config) asks for passthrough.
    pub fn detect(passthrough: bool) -> Mux {
        let forced = std::env::var("BAOGAO_OSC52").is_ok_and(|v| v == "passthrough");
        if std::env::var_os("TMUX").is_some() {
            if passthrough || forced {
                Mux::TmuxPassthrough
            } else {
                Mux::Plain
            }
        } else if std::env::var_os("STY").is_some() {
            Mux::Screen
        } else {
            Mux::Plain
        }
    }
}

/// The bytes that put `text` on the clipboard.
pub fn sequence(text: &str, mux: Mux) -> String {
    let mut osc = String::new();
    // Writing into a String cannot fail.
    let _ = CopyToClipboard::to_clipboard_from(text.as_bytes()).write_ansi(&mut osc);
    match mux {
        Mux::Plain => osc,
        Mux::TmuxPassthrough => format!("\x1bPtmux;{}\x1b\\", osc.replace('\x1b', "\x1b\x1b")),
        Mux::Screen => {
            // Inside screen's DCS the OSC must end with BEL (an ST would end the DCS). The
            // base64 payload is ASCII, so byte chunks are char boundaries.
            let osc = format!("{}\x07", osc.strip_suffix("\x1b\\").unwrap_or(&osc));
            let mut out = String::new();
            let bytes = osc.as_bytes();
            for chunk in bytes.chunks(76) {
                out.push_str("\x1bP");
                out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
                out.push_str("\x1b\\");
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    #[test]
    fn plain_sequence_round_trips() {
        let s = sequence("指标\t数值\n收入\t17575\n", Mux::Plain);
        let body = s
            .strip_prefix("\x1b]52;c;")
            .unwrap()
            .strip_suffix("\x1b\\")
            .unwrap();
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap();
        assert_eq!(
            String::from_utf8(decoded).unwrap(),
            "指标\t数值\n收入\t17575\n"
        );
    }

    #[test]
    fn tmux_and_screen_wrapping() {
        let p = sequence("abc", Mux::TmuxPassthrough);
        assert!(p.starts_with("\x1bPtmux;\x1b\x1b]52;c;"));
        assert!(p.ends_with("\x1b\x1b\\\x1b\\"));
        let long = "一".repeat(200);
        let s = sequence(&long, Mux::Screen);
        let pieces: Vec<&str> = s.split("\x1b\\").filter(|x| !x.is_empty()).collect();
        assert!(pieces.len() > 5);
        assert!(pieces
            .iter()
            .all(|p| p.starts_with("\x1bP") && p.len() <= 78));
        let joined: String = pieces.iter().map(|p| &p[2..]).collect();
        let plain = sequence(&long, Mux::Plain);
        assert_eq!(
            joined,
            format!("{}\x07", plain.strip_suffix("\x1b\\").unwrap())
        );
    }
}
