//! The byte forms of the multi-byte encodings' chars that their encoders do not tell: the
//! second place of a char some table holds twice (Big5's `十`, Shift_JIS's NEC and IBM rows) and
//! chars that decode but are never encoded (Big5's HKSCS rows, EUC-JP's JIS X 0212 plane).
//!
//! Finding them means decoding each encoding's whole two-byte table (and EUC-JP's three-byte
//! one): about 60 M instructions, which a search for a rare word paid on every run. So the build
//! script (`build.rs`, which includes this file) does it once and the program embeds the result;
//! a test checks the embedded list against a fresh decode.

use encoding_rs::{Encoding, BIG5, EUC_JP, EUC_KR, GB18030, SHIFT_JIS};

/// Multi-byte encodings whose forms come from decoding their whole tables, in the order of
/// their ids in the embedded list.
pub const TABLED: [&Encoding; 5] = [GB18030, BIG5, SHIFT_JIS, EUC_JP, EUC_KR];

/// Every char of `enc`'s tables, with every byte sequence that decodes to it: the two-byte
/// sequences (lead 0x81–0xFE, trail 0x40–0xFE), and EUC-JP's three-byte ones (0x8F, then two
/// bytes 0xA1–0xFE). Each candidate is followed by a line break, which no multi-byte sequence
/// takes as its trail: an invalid pair cannot swallow the next candidate, so the decoded pieces
/// line up with the candidates. Sorted by char.
#[cfg_attr(not(test), allow(dead_code))]
pub fn table(enc: &'static Encoding) -> Vec<(char, Vec<Vec<u8>>)> {
    let mut candidates: Vec<Vec<u8>> = Vec::new();
    for lead in 0x81..=0xFEu8 {
        for trail in 0x40..=0xFEu8 {
            candidates.push(vec![lead, trail]);
        }
    }
    if enc == EUC_JP {
        for b1 in 0xA1..=0xFEu8 {
            for b2 in 0xA1..=0xFEu8 {
                candidates.push(vec![0x8F, b1, b2]);
            }
        }
    }
    let mut bytes = Vec::with_capacity(candidates.len() * 4);
    for c in &candidates {
        bytes.extend_from_slice(c);
        bytes.push(b'\n');
    }
    let (text, _) = enc.decode_without_bom_handling(&bytes);
    let pieces: Vec<&str> = text.split('\n').collect();
    // One piece per candidate, and an empty one after the last line break.
    assert_eq!(
        pieces.len(),
        candidates.len() + 1,
        "{}: a table candidate took a line break",
        enc.name()
    );
    let mut out: std::collections::BTreeMap<char, Vec<Vec<u8>>> = Default::default();
    for (piece, form) in pieces.iter().zip(candidates) {
        let mut chars = piece.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if !c.is_ascii() && c != '\u{FFFD}' {
                out.entry(c).or_default().push(form);
            }
        }
    }
    out.into_iter().collect()
}

/// The chars of `enc`'s tables whose forms are not just the encoder's one, with all their forms.
#[allow(dead_code)] // the build script's
pub fn irregular(enc: &'static Encoding) -> Vec<(char, Vec<Vec<u8>>)> {
    table(enc)
        .into_iter()
        .filter(|(c, forms)| {
            let mut buf = [0; 4];
            let (written, _, unmappable) = enc.encode(c.encode_utf8(&mut buf));
            unmappable || forms.len() != 1 || forms[0] != *written
        })
        .collect()
}

/// The embedded list's record: encoding id, the char (u32 LE), the form's length, the form
/// (padded to 3 bytes). Records are sorted by (id, char); a char with two forms has two.
pub const RECORD: usize = 9;

/// Every encoding's irregular forms as records.
#[allow(dead_code)] // the build script's
pub fn records() -> Vec<u8> {
    let mut out = Vec::new();
    for (id, enc) in TABLED.iter().enumerate() {
        for (c, forms) in irregular(enc) {
            for f in forms {
                out.push(id as u8);
                out.extend_from_slice(&(c as u32).to_le_bytes());
                out.push(f.len() as u8);
                let mut padded = [0u8; 3];
                padded[..f.len()].copy_from_slice(&f);
                out.extend_from_slice(&padded);
            }
        }
    }
    out
}
