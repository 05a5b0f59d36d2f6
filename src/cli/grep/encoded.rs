//! A Chinese character's byte forms in every encoding loading may decode a file from, so the
//! prefilter can look for a word in a file's raw bytes without detecting its encoding and
//! decoding it (detection and decoding were most of a search for a rare word).
//!
//! Only encodings that can hold ideographs matter: a file decoded as any other (a Latin or
//! Cyrillic code page) cannot hold an ideograph word. A form is every byte sequence the
//! encoding decodes to the char, not only what its encoder writes: some chars have two (Big5's
//! duplicate `十` and `卅`, the ideographs in both Shift_JIS's NEC and IBM rows), and some are
//! decoded but never written (Big5's HKSCS rows, EUC-JP's JIS X 0212 plane). So a char's forms
//! are the encoder's and those the build script found by decoding the tables whole
//! ([`super::encoding_tables`]).

use encoding_rs::{Encoding, BIG5, EUC_JP, EUC_KR, GB18030, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8};

/// Encodings a file of unknown encoding may be decoded from that can hold ideographs: a BOM's,
/// UTF-16 without one, and what the encoding detector can guess (GBK is read as GB18030).
pub const LEGACY: [&Encoding; 8] = [
    UTF_8, UTF_16LE, UTF_16BE, GB18030, BIG5, SHIFT_JIS, EUC_JP, EUC_KR,
];

use super::encoding_tables::{RECORD, TABLED};

/// The forms the encoders do not tell, made by the build script (see [`super::encoding_tables`]).
static IRREGULAR: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/irregular_forms.bin"));

/// Every byte sequence `enc` decodes to exactly `c` (at least the encoder's, when it has one).
pub fn forms(enc: &'static Encoding, c: char) -> Vec<Vec<u8>> {
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
    let mut out: Vec<Vec<u8>> = Vec::new();
    let mut buf = [0; 4];
    let (encoded, _, unmappable) = enc.encode(c.encode_utf8(&mut buf));
    if !unmappable {
        out.push(encoded.into_owned());
    }
    if let Some(id) = TABLED.iter().position(|&t| t == enc) {
        for f in irregular_forms(id as u8, c) {
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
    out
}

/// The embedded forms of `c` in the encoding with this id (none when its encoder tells all).
fn irregular_forms(id: u8, c: char) -> Vec<Vec<u8>> {
    let record = |i: usize| &IRREGULAR[i * RECORD..(i + 1) * RECORD];
    let key = |r: &[u8]| (r[0], u32::from_le_bytes([r[1], r[2], r[3], r[4]]));
    let want = (id, c as u32);
    // The first record not below `want`.
    let (mut lo, mut hi) = (0, IRREGULAR.len() / RECORD);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if key(record(mid)) < want {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    (lo..IRREGULAR.len() / RECORD)
        .map(record)
        .take_while(|r| key(r) == want)
        .map(|r| r[6..6 + usize::from(r[5]).min(3)].to_vec())
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

    /// The embedded forms are exactly what a fresh decode of every table gives, for every char
    /// the tables hold (the list was made by the build script from the encoding_rs it built with).
    #[test]
    fn every_tables_char_has_exactly_the_forms_that_decode_to_it() {
        for enc in TABLED {
            let table = super::super::encoding_tables::table(enc);
            assert!(table.len() > 9000, "{}", enc.name());
            for (c, mut want) in table {
                let mut got = forms(enc, c);
                // The encoder's form of a char outside the tables (GB18030's four-byte ones) is
                // no table's.
                got.retain(|f| want.contains(f) || f.len() == 4);
                got.sort();
                want.sort();
                assert_eq!(got, want, "{} {c}", enc.name());
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
        // Decoded, never written: a Big5 HKSCS ideograph, a JIS X 0212 one in EUC-JP.
        let hkscs = BIG5.decode_without_bom_handling(&[0x88, 0x40]).0;
        let c = hkscs.chars().next().unwrap();
        assert!(BIG5.encode(&hkscs).2, "encoded {c}");
        assert_eq!(forms(BIG5, c), vec![vec![0x88, 0x40]]);
        let jis = EUC_JP.decode_without_bom_handling(&[0x8F, 0xB0, 0xA1]).0;
        let c = jis.chars().next().unwrap();
        assert!(forms(EUC_JP, c).contains(&vec![0x8F, 0xB0, 0xA1]), "{c}");
    }
}
