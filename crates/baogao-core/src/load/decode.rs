//! Bytes → text: BOM, UTF-8, UTF-16 without BOM, then chardetng's guess (GB18030/GBK, Big5 …).

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::borrow::Cow;

/// Decoded text and the name of the encoding it was read as. UTF-8 input is borrowed, not
/// copied: most files are UTF-8, and the copy was a seventieth of `grep --no-cache`.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: String,
}

/// Does this look like binary data rather than text in some encoding?
pub fn looks_binary(bytes: &[u8]) -> bool {
    if utf16_without_bom(bytes).is_some() || bom(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    // Text in any supported encoding has no NUL bytes (UTF-16 is handled above) and few
    // C0 controls other than whitespace and ESC. (Counted without branches, so it vectorises:
    // grep's prefilter asks this of every file it looks at.)
    let control =
        |b: u8| b < 0x20 && b != b'\n' && b != b'\r' && b != b'\t' && b != 0x1b && b != 0x0c;
    // Byte-wide sums of at most 255 bytes each, so the compare-and-add runs in wide lanes.
    let controls: usize = head
        .chunks(255)
        .map(|c| c.iter().fold(0u8, |n, &b| n + u8::from(control(b))) as usize)
        .sum();
    memchr::memchr(0, head).is_some() || controls * 20 > head.len()
}

/// The byte order [`decode`] reads `bytes` in if it reads them as UTF-16 (a UTF-16 BOM's, or
/// UTF-16 without one), for bytes that are not UTF-8: what grep's prefilter needs to know
/// which encodings' forms of a word to look for.
pub fn utf16_order(bytes: &[u8]) -> Option<&'static Encoding> {
    match bom(bytes) {
        Some((enc, _)) if enc == UTF_16LE || enc == UTF_16BE => Some(enc),
        Some(_) => None,
        None => utf16_without_bom(bytes),
    }
}

fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// UTF-16 without a BOM: many NULs in the high (or low) byte of ASCII-range units, or text that
/// decodes cleanly with CJK in the usual range. An odd length is a file cut short (its last
/// unit lost a byte): judged on its even part, decoded with one replacement char at the end.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    let (mut zero_even, mut zero_odd) = (0, 0);
    // Most files have no NUL at all: one SIMD scan tells.
    if memchr::memchr(0, sample).is_some() {
        for p in sample.chunks_exact(2) {
            zero_even += usize::from(p[0] == 0);
            zero_odd += usize::from(p[1] == 0);
        }
    }
    // ASCII-heavy UTF-16: one half of the bytes are mostly zero.
    if zero_odd * 4 > pairs && zero_even * 20 < pairs {
        return Some(UTF_16LE);
    }
    if zero_even * 4 > pairs && zero_odd * 20 < pairs {
        return Some(UTF_16BE);
    }
    // CJK-heavy UTF-16 has no zero bytes at all; it is not valid UTF-8 and decodes to mostly
    // CJK ideographs in one byte order only. The sample is enough to tell (a char cut at its
    // end is not an error), and keeps this check from reading a whole UTF-8 file.
    match simdutf8::compat::from_utf8(sample) {
        Ok(_) => return None,
        Err(e) if e.error_len().is_none() => return None,
        Err(_) => {}
    }
    let cjk_share = |little: bool| utf16_cjk_share(sample, little);
    let (le, be) = (cjk_share(true), cjk_share(false));
    if le > 0.95 && le > be {
        Some(UTF_16LE)
    } else if be > 0.95 && be > le {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The share of `sample` (an even number of bytes), read as UTF-16 of that byte order, that is
/// CJK, full-width, ASCII graphic or white space: exact when above 0.95, else at most 0.95
/// (the caller only asks whether it is above). 0 when it has an unpaired surrogate.
///
/// Read unit by unit, not decoded: it gives up as soon as the share cannot be above 0.95, which
/// for the GB18030 files it is asked about is within the first hundred units (decoding both
/// byte orders of 4 KB was most of grep's prefilter on such a file).
fn utf16_cjk_share(sample: &[u8], little: bool) -> f64 {
    let n = sample.len() / 2;
    let mut units = sample
        .chunks_exact(2)
        .map(|p| {
            if little {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        })
        .peekable();
    let (mut chars, mut good, mut common) = (0usize, 0usize, 0usize);
    while let Some(u) = units.next() {
        chars += 1;
        match u {
            // A pair is one char, outside every range counted as good.
            0xD800..=0xDBFF => {
                if units.next_if(|l| (0xDC00..=0xDFFF).contains(l)).is_none() {
                    return 0.0;
                }
            }
            0xDC00..=0xDFFF => return 0.0,
            _ => {
                let c = char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}');
                let ascii = c.is_ascii_graphic() || c.is_whitespace();
                if matches!(u, 0x4E00..=0x9FFF | 0x3000..=0x303F | 0xFF00..=0xFFEF) || ascii {
                    good += 1;
                }
                if matches!(u, 0x4E00..=0x7FFF | 0x3000..=0x30FF | 0xFF00..=0xFFEF) || ascii {
                    common += 1;
                }
            }
        }
        // More than a twentieth of all units bad: more than a twentieth of the chars.
        if (chars - good) * 20 > n {
            return 0.0;
        }
    }
    if !common_enough(common, chars) {
        return 0.0;
    }
    good as f64 / chars.max(1) as f64
}

/// Chinese (and Japanese) text has most of its chars below U+8000 (的 一 是 在 国), in
/// punctuation and kana, or full-width forms: over 80% of the units of every corpus text.
/// Shift_JIS with no ASCII, read as UTF-16BE, is all U+81xx–U+9Fxx (its lead bytes) and private
/// use: none. Sixteen chars or more are judged so (fewer may be a few rare chars).
fn common_enough(common: usize, chars: usize) -> bool {
    chars < 16 || common * 4 >= chars
}

/// Bytes outside ASCII a head needs before its own evidence outweighs the `.cn` prior: eight
/// Chinese chars. (Without the prior, some two- and three-char GBK heads of the corpus were
/// guessed EUC-JP; none of four chars or more was. With this rule, ten-char heads cut from
/// every corpus text were all guessed right in GBK, and all but one to five of 82 in Big5 and
/// Shift_JIS, where the prior alone got none.)
const OVERRIDE_PRIOR: usize = 16;

/// chardetng's guess over a prefix (fed with `last = false`: the stream goes on).
///
/// The `.cn` hint is a prior for short or ambiguous text, but with it chardetng calls nearly
/// any double-byte text GBK (Big5 and Shift_JIS bytes are mostly valid GBK): a Big5 report
/// from Hong Kong, Macao or Taiwan came out as mojibake. So when the guess without the hint is
/// another East Asian double-byte encoding (one chardetng has not ruled out by an invalid
/// sequence) and the head holds enough text to go by, that guess wins.
fn guess_prefix(bytes: &[u8], len: usize) -> &'static Encoding {
    let head = &bytes[..bytes.len().min(len)];
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(head, false);
    let mut guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    if guess == encoding_rs::GBK {
        let unhinted = detector.guess(None, chardetng::Utf8Detection::Allow);
        if [
            encoding_rs::BIG5,
            encoding_rs::SHIFT_JIS,
            encoding_rs::EUC_JP,
        ]
        .contains(&unhinted)
            && head
                .iter()
                .filter(|b| !b.is_ascii())
                .nth(OVERRIDE_PRIOR - 1)
                .is_some()
        {
            guess = unhinted;
        }
    }
    read_as(guess)
}

/// The encoding a file in `enc` is read with: GBK and GB2312 files with GB18030, a superset
/// that never loses a char.
fn read_as(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        enc
    }
}

/// Legacy encodings: chardetng on the shortest head holding 512 bytes outside ASCII (about
/// 250 Chinese chars: plenty, and an ASCII preamble does not crowd them out), confirmed by
/// decoding the whole file without errors; otherwise chardetng on the first 64 KB. chardetng
/// takes about 0.1 µs a byte, so the short head keeps loading fast (2 KB of a GB2312 file cost
/// a third of its load). Returns the text when the confirming decode is the answer, so the
/// file is decoded once.
fn guess_legacy(bytes: &[u8]) -> (&'static Encoding, Option<String>) {
    // 1,024 guessed the same for GBK, Big5, Shift_JIS and EUC-KR copies of every UTF-8 corpus
    // text (whole and cut at 1,500 to 6,000 chars) and every legacy corpus file, at twice the
    // cost (chardetng was 7.5% of `grep --no-cache` over a pile where 15% of the files are GBK).
    const EVIDENCE: usize = 512;
    const FULL: usize = 64 * 1024;
    let head = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| !b.is_ascii())
        .nth(EVIDENCE - 1)
        .map_or(bytes.len(), |(i, _)| i + 1)
        .min(FULL);
    let quick = guess_prefix(bytes, head);
    if head == bytes.len() {
        return (quick, None);
    }
    let mut decoder = quick.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(
        decoder
            .max_utf8_buffer_length(bytes.len())
            .unwrap_or(bytes.len() * 3 / 2 + 16),
    );
    let (_, _, had_errors) = decoder.decode_to_string(bytes, &mut text, true);
    if had_errors {
        // A head that was already the first 64 KB gives the same guess again.
        let full = if head < FULL {
            guess_prefix(bytes, FULL)
        } else {
            quick
        };
        (full, None)
    } else {
        (quick, Some(text))
    }
}

/// How far into a file a declared charset is looked for: a page's head (the HTML standard's
/// prescan reads 1,024 bytes; government pages often put scripts and styles first).
const DECLARATION_HEAD: usize = 4096;

/// The East Asian legacy encoding a page declares in its head: `<meta charset="big5">`,
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, or an XML
/// declaration's `encoding="GBK"`. Only the encodings detection can give are taken (so the
/// grep prefilter, which looks for a word's forms in those, stays exact); others, and labels
/// encoding_rs does not know, are no declaration.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(DECLARATION_HEAD)].to_ascii_lowercase();
    // Each `<meta …>` tag (its `charset`), and an XML declaration (its `encoding`).
    let tag = |at: usize| {
        let rest = &head[at..];
        &rest[..memchr::memchr(b'>', rest).unwrap_or(rest.len())]
    };
    let metas = memchr::memmem::find_iter(&head, b"<meta").map(|at| (tag(at), &b"charset"[..]));
    let xml = head
        .starts_with(b"<?xml")
        .then(|| (tag(0), &b"encoding"[..]));
    for (tag, key) in metas.chain(xml) {
        let Some(at) = memchr::memmem::find(tag, key) else {
            continue;
        };
        let rest = tag[at + key.len()..].trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = rest.trim_ascii_start();
        let rest = rest
            .strip_prefix(b"\"")
            .or(rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(b)))
            .unwrap_or(rest.len());
        let east_asian = [
            encoding_rs::GBK,
            encoding_rs::GB18030,
            encoding_rs::BIG5,
            encoding_rs::SHIFT_JIS,
            encoding_rs::EUC_JP,
            encoding_rs::EUC_KR,
        ];
        if let Some(e) = Encoding::for_label(&rest[..end]).filter(|e| east_asian.contains(e)) {
            return Some(read_as(e));
        }
    }
    None
}

/// Decode bytes of unknown encoding.
///
/// A BOM decides; then valid UTF-8 is UTF-8 (whatever a page says); then an East Asian
/// encoding the page declares, when the whole file decodes in it without an error (a label
/// that lies is passed over); then UTF-16 without a BOM; then chardetng's guess.
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some((enc, len)) = bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[len..]);
        let encoding = if enc == UTF_8 {
            "UTF-8 (BOM)".to_string()
        } else {
            enc.name().to_string()
        };
        return Decoded { text, encoding };
    }
    // Validated once (with SIMD: Chinese text is all multi-byte) and copied once: the common
    // case.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Decoded {
            text: Cow::Borrowed(text),
            encoding: UTF_8.name().to_string(),
        };
    }
    if let Some(enc) = declared(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if !had_errors {
            return Decoded {
                text,
                encoding: enc.name().to_string(),
            };
        }
    }
    let (encoding, text) = match utf16_without_bom(bytes) {
        Some(enc) => (enc, None),
        None => guess_legacy(bytes),
    };
    let text = text.map_or_else(|| encoding.decode_without_bom_handling(bytes).0, Cow::Owned);
    Decoded {
        text,
        encoding: encoding.name().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The share as it was computed: both byte orders decoded whole, chars counted.
    fn cjk_share_by_decoding(sample: &[u8], enc: &'static Encoding) -> f64 {
        let (text, had_errors) = enc.decode_without_bom_handling(sample);
        if had_errors {
            return 0.0;
        }
        let total = text.chars().count().max(1);
        let ascii = |c: &char| c.is_ascii_graphic() || c.is_whitespace();
        let good = text
            .chars()
            .filter(|c| {
                matches!(*c as u32, 0x4E00..=0x9FFF | 0x3000..=0x303F | 0xFF00..=0xFFEF) || ascii(c)
            })
            .count();
        let common = text
            .chars()
            .filter(|c| {
                matches!(*c as u32, 0x4E00..=0x7FFF | 0x3000..=0x30FF | 0xFF00..=0xFFEF) || ascii(c)
            })
            .count();
        if !common_enough(common, text.chars().count()) {
            return 0.0;
        }
        good as f64 / total as f64
    }

    proptest::proptest! {
        /// Read unit by unit, the share is the decoded one whenever that is above 0.95, and at
        /// most 0.95 otherwise. Samples are UTF-16 of Chinese text with some noise (surrogates,
        /// other chars, odd bytes), and GB18030 and UTF-8 text read as UTF-16.
        #[test]
        fn the_utf16_share_read_by_units_is_the_decoded_one(
            text in "[一-龥，。、：；（）　\\n a-z0-9\u{10000}-\u{10010}\u{D7FF}\u{E000}\u{FFFD}]{0,300}",
            noise in proptest::collection::vec((0usize..700, proptest::num::u8::ANY), 0..4),
            form in 0u8..4,
        ) {
            let mut bytes: Vec<u8> = match form {
                0 => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
                1 => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
                2 => encoding_rs::GB18030.encode(&text).0.into_owned(),
                _ => text.as_bytes().to_vec(),
            };
            for (at, b) in noise {
                if let Some(x) = bytes.get_mut(at) {
                    *x = b;
                }
            }
            bytes.truncate(bytes.len() & !1);
            for (little, enc) in [(true, UTF_16LE), (false, UTF_16BE)] {
                let want = cjk_share_by_decoding(&bytes, enc);
                let got = utf16_cjk_share(&bytes, little);
                if want > 0.95 {
                    proptest::prop_assert_eq!(got, want);
                } else {
                    proptest::prop_assert!(got <= 0.95, "{} vs {}", got, want);
                }
            }
        }
    }

    const SAMPLE: &str = "一、过去一年工作回顾\n全镇实现地区生产总值12.5亿元，同比增长6.1%。";

    #[test]
    fn utf8_and_bom() {
        assert_eq!(decode(SAMPLE.as_bytes()).encoding, "UTF-8");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(SAMPLE.as_bytes());
        let d = decode(&b);
        assert_eq!(d.text, SAMPLE);
        assert_eq!(d.encoding, "UTF-8 (BOM)");
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = encoding_rs::GBK.encode(SAMPLE);
        let d = decode(&bytes);
        assert_eq!(d.text, SAMPLE);
        assert_eq!(d.encoding, "gb18030");
    }

    /// The guess reads the text past an ASCII preamble (a page's markup, a header of
    /// addresses) longer than the old 2 KB head, and a GB2312 text is confirmed from its head.
    #[test]
    fn gbk_after_a_long_ascii_preamble_is_detected() {
        let preamble =
            "<meta name=\"source\" content=\"http://www.example.gov.cn/zwgk\">\n".repeat(80);
        let body =
            "政府工作报告：全市地区生产总值增长百分之五点五，城乡居民收入稳步增长。\n".repeat(300);
        for text in [format!("{preamble}{body}"), body.clone()] {
            let (bytes, _, _) = encoding_rs::GBK.encode(&text);
            let d = decode(&bytes);
            assert_eq!(d.encoding, "gb18030");
            assert_eq!(d.text, text);
        }
    }

    /// A traditional-Chinese report in Big5 (as Hong Kong, Macao and Taiwan publish) is read
    /// as Big5, not as GBK mojibake; so is a Japanese text in Shift_JIS. A few GBK chars stay
    /// GBK (too little to overrule the prior), and a long GBK text in traditional chars too.
    #[test]
    fn big5_and_shift_jis_are_not_taken_for_gbk() {
        let big5 = "澳門特別行政區政府施政報告\n一、過去一年工作回顧\n過去一年，特區政府全力推動經濟復甦，\
                    本地生產總值實質增長，旅客人次明顯回升。我們堅持以人為本，加大民生投入。\n";
        let (bytes, _, bad) = encoding_rs::BIG5.encode(big5);
        assert!(!bad);
        let d = decode(&bytes);
        assert_eq!((d.encoding.as_str(), &*d.text), ("Big5", big5));
        let sjis =
            "令和6年度 施政方針\r\n県民の皆様に申し上げます。地域経済の活性化を図ります。\r\n";
        let (bytes, _, bad) = encoding_rs::SHIFT_JIS.encode(sjis);
        assert!(!bad);
        assert_eq!(decode(&bytes).text, sjis);
        // (Without the hint, chardetng calls these two EUC-JP.)
        for gbk in ["全面", "全面建", big5] {
            let (bytes, _, bad) = encoding_rs::GBK.encode(gbk);
            assert!(!bad);
            let d = decode(&bytes);
            assert_eq!((d.encoding.as_str(), &*d.text), ("gb18030", gbk));
        }
    }

    /// Long reports are guessed from their head (the rest only confirms it): a Big5 and a
    /// Shift_JIS report stay themselves, and a GBK one in traditional chars stays GBK.
    #[test]
    fn long_legacy_texts_are_guessed_from_their_head() {
        let big5 = "澳門特別行政區政府施政報告。過去一年，特區政府全力推動經濟復甦，本地生產總值\
                    實質增長，旅客人次明顯回升。我們堅持以人為本，加大民生投入，完善社會保障。\n";
        let sjis =
            "令和6年度 施政方針\r\n県民の皆様に申し上げます。地域経済の活性化を図ります。\r\n";
        // With no ASCII at all, Shift_JIS's bytes pair up as UTF-16BE ideographs (its lead
        // bytes are 81–9F): not taken for UTF-16 (there are none below U+8000).
        let sjis_only =
            "令和六年度施政方針。県民の皆様に申し上げます。地域経済の活性化を図ります。";
        for (text, enc, name) in [
            (big5, encoding_rs::BIG5, "Big5"),
            (sjis, encoding_rs::SHIFT_JIS, "Shift_JIS"),
            (sjis_only, encoding_rs::SHIFT_JIS, "Shift_JIS"),
            (big5, encoding_rs::GBK, "gb18030"),
        ] {
            let text = text.repeat(150);
            let (bytes, _, bad) = enc.encode(&text);
            assert!(!bad && bytes.len() > 8 * 1024);
            let d = decode(&bytes);
            assert_eq!((d.encoding.as_str(), d.text == text), (name, true));
        }
    }

    /// A page's declared charset is followed where its bytes bear it out: a few Big5 chars a
    /// guess would call GBK, a GB2312 page, an XML declaration. A label that lies (GBK bytes
    /// said to be Big5), one that is not East Asian, and one in a page's text are passed over.
    #[test]
    fn a_declared_charset_is_followed_when_the_bytes_agree() {
        let page = |head: &str, body: &str, enc: &'static Encoding| {
            let text = format!("<html><head>{head}</head><body><p>{body}</p></body></html>");
            let (bytes, _, bad) = enc.encode(&text);
            assert!(!bad);
            let d = decode(&bytes);
            let decoded = (d.text.into_owned(), d.encoding);
            (text, decoded)
        };
        let cases = [
            (
                "<meta charset=\"big5\">",
                "施政報告",
                encoding_rs::BIG5,
                "Big5",
            ),
            (
                "<META CHARSET='Big5'>",
                "施政報告",
                encoding_rs::BIG5,
                "Big5",
            ),
            (
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
                "全面建设",
                encoding_rs::GBK,
                "gb18030",
            ),
            // Lies and labels that are not East Asian: the guess decides (GBK, as before).
            (
                "<meta charset=\"big5\">",
                "经济增长全面建设",
                encoding_rs::GBK,
                "gb18030",
            ),
            (
                "<meta charset=\"windows-1252\">",
                "全面建设",
                encoding_rs::GBK,
                "gb18030",
            ),
            (
                "<meta name=\"x\">",
                "charset=big5 施政報告",
                encoding_rs::BIG5,
                "gb18030",
            ),
        ];
        for (head, body, enc, want) in cases {
            let (text, (decoded, encoding)) = page(head, body, enc);
            assert_eq!(encoding, want, "{head} {body}");
            if want == enc.name() || (want == "gb18030" && enc == encoding_rs::GBK) {
                assert_eq!(decoded, text, "{head} {body}");
            }
        }
        let xml = "<?xml version=\"1.0\" encoding=\"big5\"?>\n<doc>施政報告</doc>\n";
        let (bytes, _, _) = encoding_rs::BIG5.encode(xml);
        assert_eq!(decode(&bytes).text, xml);
        // Valid UTF-8 stays UTF-8 whatever the page says.
        let utf8 = "<html><head><meta charset=\"gb2312\"></head><body>施政</body></html>";
        assert_eq!(decode(utf8.as_bytes()).encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let units: Vec<u16> = SAMPLE.encode_utf16().collect();
        let le: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = units.iter().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&le).text, SAMPLE);
        assert_eq!(decode(&le).encoding, "UTF-16LE");
        assert_eq!(decode(&be).text, SAMPLE);
        let mut bom_le = vec![0xFF, 0xFE];
        bom_le.extend_from_slice(&le);
        assert_eq!(decode(&bom_le).text, SAMPLE);
        assert!(!looks_binary(&le));
    }

    #[test]
    fn truncated_utf16_without_bom_is_text() {
        let long = SAMPLE.repeat(5);
        for be in [false, true] {
            let mut bytes: Vec<u8> = long
                .encode_utf16()
                .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
                .collect();
            bytes.pop();
            assert!(!looks_binary(&bytes), "be={be}");
            let d = decode(&bytes);
            assert!(d.text.starts_with(&SAMPLE.repeat(4)), "be={be}: {}", d.text);
        }
    }

    #[test]
    fn binary_is_flagged() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(4000).collect();
        assert!(looks_binary(&bytes));
        assert!(!looks_binary(SAMPLE.as_bytes()));
    }

    /// Text with some C0 controls sprinkled in: binary past one control in twenty bytes of
    /// the head (tabs, line breaks, form feeds and ESC do not count).
    #[test]
    fn controls_past_one_in_twenty_make_binary() {
        let line = "全镇实现地区生产总值12.5亿元。"; // 42 bytes
        let with = |controls: &[u8], every: usize| -> Vec<u8> {
            let mut b = Vec::new();
            for i in 0..400 {
                b.extend_from_slice(line.as_bytes());
                if i % every == 0 {
                    b.extend_from_slice(controls);
                }
            }
            b
        };
        // One control per 43 bytes: text; three per 45: binary (and the chunked count sees
        // controls anywhere in the 8 KB head).
        assert!(!looks_binary(&with(&[0x01], 1)));
        assert!(looks_binary(&with(&[0x01, 0x02, 0x1f], 1)));
        // Allowed controls never count.
        assert!(!looks_binary(&with(b"\t\r\n\x0c\x1b", 1)));
        // Fewer than one in twenty over the head: text.
        assert!(!looks_binary(&with(&[0x01, 0x02, 0x1f], 4)));
    }
}
