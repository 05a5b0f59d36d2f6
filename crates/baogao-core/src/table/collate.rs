//! The collation names sort by: Chinese by pinyin, stable and total.
//!
//! Strings compare character by character; each character falls in a class, and classes come
//! in this order: punctuation, symbols and spaces; digits; Latin letters (case ignored, then
//! lower case first); Chinese characters by pinyin (letters without tone, then the tone 1–4,
//! neutral last, then the code point, so homophones keep a fixed order); every other character
//! by code point. A string that is a prefix of another sorts first. Characters with several
//! readings use the common one (`重` as zhòng, `行` as xíng).

use pinyin::ToPinyin;
use std::cmp::Ordering;

/// The sort key of one character: (class, pinyin letters, tone, code point, upper case).
fn key(c: char) -> (u8, &'static str, u8, u32, u32) {
    if c.is_ascii_digit() {
        return (1, "", 0, c as u32, 0);
    }
    if c.is_ascii_alphabetic() {
        let lower = c.to_ascii_lowercase() as u32;
        return (2, "", 0, lower, u32::from(c.is_ascii_uppercase()));
    }
    if let Some(p) = c.to_pinyin() {
        let with_tone = p.with_tone_num_end();
        let tone = match with_tone.as_bytes().last() {
            Some(d @ b'1'..=b'4') => d - b'0',
            _ => 5,
        };
        return (3, p.plain(), tone, c as u32, 0);
    }
    if c.is_alphanumeric() {
        return (4, "", 0, c as u32, 0);
    }
    (0, "", 0, c as u32, 0)
}

/// Compare two strings by the collation described in the module doc.
///
/// ```
/// use baogao_core::table::collate;
/// let mut v = vec!["粮食产量", "地区生产总值", "一般公共预算收入", "GDP"];
/// v.sort_by(|a, b| collate(a, b));
/// assert_eq!(v, ["GDP", "地区生产总值", "粮食产量", "一般公共预算收入"]);
/// ```
pub fn collate(a: &str, b: &str) -> Ordering {
    let mut x = a.chars();
    let mut y = b.chars();
    loop {
        match (x.next(), y.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c == d => {}
            (Some(c), Some(d)) => {
                let o = key(c).cmp(&key(d));
                if o != Ordering::Equal {
                    return o;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_sorts_by_pinyin_then_tone() {
        // an < bao < gong < yi < zhong
        let mut v = vec!["重点项目", "一般", "公共", "报告", "安全"];
        v.sort_by(|a, b| collate(a, b));
        assert_eq!(v, ["安全", "报告", "公共", "一般", "重点项目"]);
        // Same letters: tone decides (mā 妈 < má 麻 < mǎ 马 < mà 骂).
        let mut v = vec!["骂", "马", "麻", "妈"];
        v.sort_by(|a, b| collate(a, b));
        assert_eq!(v, ["妈", "麻", "马", "骂"]);
    }

    #[test]
    fn classes_and_prefixes() {
        let mut v = vec!["收入", "（一）", "2024年", "abc", "ABC", "收"];
        v.sort_by(|a, b| collate(a, b));
        assert_eq!(v, ["（一）", "2024年", "abc", "ABC", "收", "收入"]);
    }

    #[test]
    fn total_and_consistent() {
        let words = [
            "地区",
            "地方",
            "的",
            "a",
            "A",
            "",
            "城镇",
            "乡村",
            "城市",
            "城镇化",
        ];
        for a in words {
            assert_eq!(collate(a, a), Ordering::Equal);
            for b in words {
                assert_eq!(collate(a, b), collate(b, a).reverse(), "{a} {b}");
                if a != b {
                    assert_ne!(collate(a, b), Ordering::Equal, "{a} {b}");
                }
            }
        }
    }
}
