//! A Chinese character's byte forms in every encoding loading may decode a file from, so the
//! prefilter can look for a word in a file's raw bytes without detecting its encoding and
//! decoding it (detection and decoding were most of a search for a rare word).
//!
//! Only encodings that can hold ideographs matter: a file decoded as any other (a Latin or
//! Cyrillic code page) cannot hold an ideograph word. A form is every byte sequence the
//! encoding decodes to the char, not only what its encoder writes: some chars have two (Big5's
//! duplicate `十` and `卅`, the ideographs in both Shift_JIS's NEC and IBM rows). So the
//! two-byte (and EUC-JP's three-byte) tables are decoded whole and searched for the char, and
//! the encoder's form is added for the rest (GB18030's four-byte ranges, UTF-16 surrogate
//! pairs).

use encoding_rs::{Encoding, BIG5, EUC_JP, EUC_KR, GB18030, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8};

/// Encodings a file of unknown encoding may be decoded from that can hold ideographs: a BOM's,
/// UTF-16 without one, and what the encoding detector can guess (GBK is read as GB18030).
pub const LEGACY: [&Encoding; 8] = [
    UTF_8, UTF_16LE, UTF_16BE, GB18030, BIG5, SHIFT_JIS, EUC_JP, EUC_KR,
];

/// Multi-byte encodings whose forms come from decoding their whole tables.
const TABLED: [&Encoding; 5] = [GB18030, BIG5, SHIFT_JIS, EUC_JP, EUC_KR];

/// Every byte sequence `enc` decodes to exactly `c` (at least the encoder's, when it has one).
pub fn forms(enc: &'static Encoding, c: char) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    if enc == UTF_16LE || enc == UTF_16BE {
        let mut b = Vec::new();
        for u in c.encode_utf16(&mut [0; 2]) {
            b.extend_from_slice(&if enc == UTF_16LE {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            });
        }
        return vec![b];
    }
    if enc == UTF_8 {
        return vec![c.encode_utf8(&mut [0; 4]).as_bytes().to_vec()];
    }
    let mut buf = [0; 4];
    let (encoded, _, unmappable) = enc.encode(c.encode_utf8(&mut buf));
    if !unmappable {
        out.push(encoded.into_owned());
    }
    if TABLED.contains(&enc) {
        for f in table_forms(enc, c) {
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
    out
}

/// The two-byte sequences (lead 0x81–0xFE, trail 0x40–0xFE), and EUC-JP's three-byte ones
/// (0x8F, then two bytes 0xA1–0xFE), that decode to `c`. Each candidate is followed by a line
/// break, which no multi-byte sequence takes as its trail: an invalid pair cannot swallow the
/// next candidate, so the decoded pieces line up with the candidates.
fn table_forms(enc: &'static Encoding, c: char) -> Vec<Vec<u8>> {
    const LEADS: std::ops::RangeInclusive<u8> = 0x81..=0xFE;
    const TRAILS: std::ops::RangeInclusive<u8> = 0x40..=0xFE;
    const EUC: std::ops::RangeInclusive<u8> = 0xA1..=0xFE;
    let candidate = |i: usize| -> Vec<u8> {
        let (leads, trails, eucs) = (LEADS.len(), TRAILS.len(), EUC.len());
        if i < leads * trails {
            vec![0x81 + (i / trails) as u8, 0x40 + (i % trails) as u8]
        } else {
            let j = i - leads * trails;
            vec![0x8F, 0xA1 + (j / eucs) as u8, 0xA1 + (j % eucs) as u8]
        }
    };
    let mut bytes = Vec::with_capacity(3 * LEADS.len() * TRAILS.len() + 4 * EUC.len().pow(2));
    for lead in LEADS {
        for trail in TRAILS {
            bytes.extend_from_slice(&[lead, trail, b'\n']);
        }
    }
    if enc == EUC_JP {
        for b1 in EUC {
            for b2 in EUC {
                bytes.extend_from_slice(&[0x8F, b1, b2, b'\n']);
            }
        }
    }
    let count = memchr::memchr_iter(b'\n', &bytes).count();
    let (text, _) = enc.decode_without_bom_handling(&bytes);
    // One piece per candidate, and an empty one after the last line break.
    assert_eq!(
        text.split('\n').count(),
        count + 1,
        "{}: a table candidate took a line break",
        enc.name()
    );
    let mut want = [0; 4];
    let want = &*c.encode_utf8(&mut want);
    text.split('\n')
        .enumerate()
        .filter(|(_, piece)| *piece == want)
        .map(|(i, _)| candidate(i))
        .collect()
}

/// The text from `at` decoded as `enc`, at most `len` bytes of it; whether that reached the end.
pub fn window<'a>(
    enc: &'static Encoding,
    bytes: &'a [u8],
    at: usize,
    len: usize,
) -> (std::borrow::Cow<'a, str>, bool) {
    let end = at.saturating_add(len).min(bytes.len());
    let (text, _) = enc.decode_without_bom_handling(&bytes[at..end]);
    (text, end == bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_what_each_encoding_writes() {
        for enc in LEGACY {
            for c in ['乡', '振', '数', '〇'] {
                let s = c.to_string();
                let (written, _, bad) = enc.encode(&s);
                let f = forms(enc, c);
                if enc == UTF_16LE || enc == UTF_16BE {
                    // encoding_rs encodes to UTF-8 for UTF-16 (as the web does).
                    let units: Vec<u16> = c.encode_utf16(&mut [0; 2]).to_vec();
                    assert_eq!(f.len(), 1);
                    assert_eq!(f[0].len(), units.len() * 2);
                } else if !bad {
                    assert!(f.contains(&written.into_owned()), "{} {c}", enc.name());
                }
                for form in &f {
                    let back = enc.decode_without_bom_handling_and_without_replacement(form);
                    assert_eq!(
                        back.as_deref(),
                        Some(&*c.to_string()),
                        "{} {form:x?}",
                        enc.name()
                    );
                }
            }
        }
    }

    #[test]
    fn chars_with_two_forms_have_both() {
        // Big5 has `十` (U+5341) at two places; the encoder writes one of them.
        assert!(forms(BIG5, '十').len() >= 2);
        // Shift_JIS: `纊` (U+7E8A) is in both the NEC-selected IBM rows and the IBM rows.
        assert!(forms(SHIFT_JIS, '纊').len() >= 2);
        // A char no table holds has the encoder's four-byte form only.
        assert_eq!(forms(GB18030, '\u{3400}').len(), 1);
        assert_eq!(forms(GB18030, '\u{3400}')[0].len(), 4);
        // Korean has no `乡` (a simplified form).
        assert!(forms(EUC_KR, '乡').is_empty());
    }
}
