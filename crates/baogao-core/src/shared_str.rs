//! A piece of a shared text: a figure's quote held as a range of its report's text (an `Arc` and
//! two offsets), not a copy of the sentence. A big pile holds a million figures, quoting a fifth
//! of its text again; this holds it once. Reads as a `str`; compares, hashes, prints and
//! serialises as one.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

#[derive(Clone)]
pub struct SharedStr {
    text: Arc<str>,
    start: u32,
    end: u32,
}

impl SharedStr {
    /// `text[range]`, sharing `text`. A range that is not `text`'s (out of bounds, not on char
    /// boundaries, past 4 GiB) gives an empty string.
    pub fn slice(text: &Arc<str>, range: Range<usize>) -> SharedStr {
        match (
            u32::try_from(range.start),
            u32::try_from(range.end),
            text.get(range.clone()),
        ) {
            (Ok(start), Ok(end), Some(_)) => SharedStr {
                text: text.clone(),
                start,
                end,
            },
            _ => SharedStr::from(""),
        }
    }

    pub fn as_str(&self) -> &str {
        self.text
            .get(self.start as usize..self.end as usize)
            .unwrap_or_default()
    }

    /// Its range in `text`, when it is a piece of that very text (not of an equal copy).
    pub fn range_in(&self, text: &Arc<str>) -> Option<Range<usize>> {
        Arc::ptr_eq(&self.text, text).then_some(self.start as usize..self.end as usize)
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> SharedStr {
        SharedStr::from(Arc::<str>::from(s))
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> SharedStr {
        SharedStr::from(Arc::<str>::from(s))
    }
}

impl From<Arc<str>> for SharedStr {
    /// The whole of `text` (a text past 4 GiB gives an empty string).
    fn from(text: Arc<str>) -> SharedStr {
        let len = text.len();
        SharedStr::slice(&text, 0..len)
    }
}

impl Default for SharedStr {
    fn default() -> SharedStr {
        SharedStr::from("")
    }
}

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::hash::Hash for SharedStr {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for SharedStr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_piece_reads_compares_and_serialises_as_its_text() {
        let text: Arc<str> = "全年地区生产总值增长6%。粮食产量稳定。".into();
        let end = "全年地区生产总值增长6%。".len();
        let q = SharedStr::slice(&text, 0..end);
        assert_eq!(&*q, "全年地区生产总值增长6%。");
        assert_eq!(q, SharedStr::from("全年地区生产总值增长6%。"));
        assert_eq!(format!("{q}"), "全年地区生产总值增长6%。");
        assert_eq!(format!("{q:?}"), "\"全年地区生产总值增长6%。\"");
        assert_eq!(
            serde_json::to_string(&q).unwrap(),
            "\"全年地区生产总值增长6%。\""
        );
        // It shares the text: its range is known in that text, not in an equal copy.
        assert_eq!(q.range_in(&text), Some(0..end));
        let copy: Arc<str> = (*text).into();
        assert_eq!(q.range_in(&copy), None);
        assert_eq!(Arc::strong_count(&text), 2);
    }

    #[test]
    fn a_range_that_is_not_the_texts_gives_an_empty_string() {
        let text: Arc<str> = "增长".into();
        assert_eq!(&*SharedStr::slice(&text, 1..3), "");
        assert_eq!(&*SharedStr::slice(&text, 0..9), "");
        assert_eq!(&*SharedStr::slice(&text, 3..6), "长");
    }
}
