//! The user's lexicon, `dirs::config_dir()/baogao/lexicon.json` (`$XDG_CONFIG_HOME` on Linux):
//! indicator aliases, new indicators and cue words added to the built-in lexicon. Read once at
//! start; an invalid file is named on stderr (`path:line:col: problem`) and the built-in lexicon
//! is used.

use baogao_core::indicators::lexicon;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A lexicon file is a few kilobytes; anything larger is refused unread.
const MAX_BYTES: u64 = 1 << 20;

/// Where the user lexicon lives.
pub fn path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("baogao").join("lexicon.json"))
}

/// What the installed user lexicon was (a hash of its text): cached indicators depend on it.
static IDENTITY: std::sync::OnceLock<u64> = std::sync::OnceLock::new();

/// The installed user lexicon's identity; 0 when the built-in one alone is in use.
pub fn identity() -> u64 {
    IDENTITY.get().copied().unwrap_or(0)
}

/// Read the user lexicon, if any, and make built-in + user the active lexicon. Problems go to
/// stderr; they never stop the program.
pub fn install() {
    let Some(p) = path() else { return };
    match load(&p) {
        Ok(Some((lex, text))) => {
            lexicon::install(lex);
            let _ = IDENTITY.set(xxhash_rust::xxh3::xxh3_64(text.as_bytes()));
        }
        Ok(None) => {}
        Err(msg) => eprintln!("baogao: {}", printable(&msg)),
    }
}

/// The active lexicon for the file at `p`: `None` when there is no file, an error message
/// (`path:line:col: problem`) when it cannot be used.
fn load(p: &Path) -> Result<Option<(lexicon::Lexicon, String)>, String> {
    let file = match std::fs::File::open(p) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}; using the built-in lexicon", p.display())),
    };
    let mut text = String::new();
    file.take(MAX_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("{}: {e}; using the built-in lexicon", p.display()))?;
    if text.len() as u64 > MAX_BYTES {
        return Err(format!(
            "{}: larger than {MAX_BYTES} bytes; using the built-in lexicon",
            p.display()
        ));
    }
    lexicon::parse(&text)
        .and_then(|user| lexicon::builtin().extended(&user))
        .map(|lex| Some((lex, text)))
        .map_err(|e| format!("{}:{e}; using the built-in lexicon", p.display()))
}

/// File names and file text may hold control characters; they never reach the terminal.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_valid_and_invalid_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("lexicon.json");
        assert!(matches!(load(&p), Ok(None)));
        std::fs::write(
            &p,
            r#"{"indicators": [{"canonical": "地区生产总值", "aliases": ["本地生产总值"]}]}"#,
        )
        .unwrap();
        let (lex, _) = load(&p).unwrap().unwrap();
        assert!(lex.lookup("本地生产总值").is_some());
        std::fs::write(&p, "{\n  \"indicators\": [\n    {\"canonical\": 5}\n  ]\n}").unwrap();
        let e = load(&p).unwrap_err();
        assert!(e.starts_with(&format!("{}:3:", p.display())), "{e}");
        assert!(e.ends_with("using the built-in lexicon"), "{e}");
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(printable("a\u{1b}[31mb"), "a\u{FFFD}[31mb");
    }
}
