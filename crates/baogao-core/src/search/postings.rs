//! Posting lists of the search index: for every character and every pair of adjacent characters
//! of the folded view of the text, the paragraphs (global numbers, ascending) that contain it.
//!
//! Lists are delta-encoded as LEB128 varints (a common pair is one byte per paragraph), or
//! bitmaps for keys in more than about one paragraph in eight, and only ever appended to, so
//! reports can be added without touching what is already indexed. Saved, every list is gaps.
//! Characters of the Basic Multilingual Plane have a slot in a dense table; pairs (and the rare
//! characters beyond it) live in a hash map keyed by the code points.

use crate::fold::fold_char;
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{self, Read, Write};

/// One key's paragraphs, ascending, each once: delta-encoded (LEB128 varint gaps), or, for a
/// key in more than about one paragraph in eight, a bitmap (bit `i` of byte `i / 8`: a bit a
/// paragraph costs less than a byte a gap). The most common characters and pairs are in most
/// paragraphs; as bitmaps their lists take a fraction of the bytes, and are met by a bit test.
#[derive(Clone, Default)]
pub(crate) struct PostingList {
    bytes: Vec<u8>,
    /// The last paragraph pushed, plus one (0: none yet).
    last: u32,
    /// The number of paragraphs listed, and [`BITMAP`] when `bytes` is a bitmap.
    len: u32,
}

/// The flag of [`PostingList::len`] that says the list is a bitmap. A list's count stops just
/// below it (it is only an estimate then; a saved list that disagrees is refused on reading).
const BITMAP: u32 = 1 << 31;

/// A list becomes a bitmap while reports are added when its gaps take a quarter more bytes
/// than the bitmap would, not as soon as the bitmap is smaller: a bitmap grows with every
/// paragraph added after it. (Once all are added, the smaller form is kept.)
fn worth_a_bitmap(gap_bytes: usize, bitmap_bytes: usize) -> bool {
    gap_bytes >= 64 && gap_bytes * 4 >= bitmap_bytes * 5
}

impl PostingList {
    /// Append a paragraph; pushing the last one again is a no-op (a pair repeated in a paragraph).
    #[inline(always)]
    fn push(&mut self, id: u32) {
        let next = id + 1;
        if next <= self.last {
            return;
        }
        if self.is_bitmap() {
            self.push_bit(id);
        } else {
            self.push_gap(id);
        }
        self.last = next;
        if self.len & !BITMAP < BITMAP - 1 {
            self.len += 1;
        }
    }

    #[inline(always)]
    fn push_gap(&mut self, id: u32) {
        // Grown by an eighth once past a few hundred bytes (by half before, as there are many
        // short lists): a big pile's lists are a quarter of the TUI's memory, and their spare
        // bytes are held until loading ends (doubled lists had half their bytes spare on average,
        // lists grown by half a sixth, and the TUI peaked 50 MB higher at 10,000 reports). The
        // copies that growing by less costs are of the long lists, a few times their bytes.
        if self.bytes.capacity() - self.bytes.len() < 5 {
            let len = self.bytes.len();
            // A list that grows is checked for density then (rarely: not at every push).
            if worth_a_bitmap(len, id as usize / 8 + 1) {
                self.make_bitmap();
                self.push_bit(id);
                return;
            }
            self.bytes
                .reserve_exact(if len < 256 { (len / 2).max(8) } else { len / 8 });
        }
        push_varint(&mut self.bytes, id - self.last);
    }

    #[inline(always)]
    fn push_bit(&mut self, id: u32) {
        let byte = id as usize / 8;
        if byte >= self.bytes.len() {
            self.grow_bits(byte);
        }
        self.bytes[byte] |= 1 << (id % 8);
    }

    /// A bitmap's bytes past `byte`, grown by an eighth (as long gaps are): zero bytes past
    /// the last paragraph list nothing (they go when the list settles).
    #[inline(never)]
    fn grow_bits(&mut self, byte: usize) {
        let len = (byte + 1).max(self.bytes.len() + self.bytes.len() / 8);
        self.bytes.reserve_exact(len - self.bytes.len());
        self.bytes.resize(len, 0);
    }

    /// Is the list a bitmap?
    pub(crate) fn is_bitmap(&self) -> bool {
        self.len & BITMAP != 0
    }

    /// The list as a bitmap (as long as its last paragraph needs).
    #[cold]
    fn make_bitmap(&mut self) {
        let mut bits = vec![0u8; (self.last as usize).div_ceil(8)];
        for id in self.iter() {
            bits[id as usize / 8] |= 1 << (id % 8);
        }
        self.bytes = bits;
        self.len |= BITMAP;
    }

    /// The list's gaps, as [`PostingList::write_to`] writes them (a bitmap's worked out).
    fn gaps(&self) -> Cow<'_, [u8]> {
        if !self.is_bitmap() {
            return Cow::Borrowed(&self.bytes);
        }
        let mut out = Vec::with_capacity(self.len());
        let mut prev = 0;
        for id in self.iter() {
            push_varint(&mut out, id - prev);
            prev = id + 1;
        }
        Cow::Owned(out)
    }

    /// Number of paragraphs listed.
    pub(crate) fn len(&self) -> usize {
        (self.len & !BITMAP) as usize
    }

    /// The paragraphs, ascending.
    pub(crate) fn iter(&self) -> Ids<'_> {
        Ids {
            bytes: &self.bytes,
            at: 0,
            prev: 0,
            // A bitmap's first byte is loaded: `at` is the byte whose bits are left.
            bits: self
                .is_bitmap()
                .then(|| self.bytes.first().copied().unwrap_or(0)),
        }
    }

    /// Is paragraph `id` in this bitmap list?
    #[inline]
    fn has_bit(&self, id: u32) -> bool {
        self.bytes
            .get(id as usize / 8)
            .is_some_and(|b| b & (1 << (id % 8)) != 0)
    }

    fn write_to(&self, key: u64, w: &mut dyn Write) -> io::Result<()> {
        let gaps = self.gaps();
        w.write_all(&key.to_le_bytes())?;
        w.write_all(&(self.len() as u32).to_le_bytes())?;
        w.write_all(&self.last.to_le_bytes())?;
        w.write_all(&(gaps.len() as u64).to_le_bytes())?;
        w.write_all(&gaps)
    }

    /// A list's bytes reserved on its header's word before they are read, at most.
    const RESERVE_MAX: u64 = 1 << 20;

    /// A list written by [`PostingList::write_to`], checked against its header: as many
    /// entries as it says, ascending, the last one what it says. Dense, it becomes a bitmap
    /// (its spare capacity goes when loading ends, as every list's does).
    fn read_from(r: &mut dyn Read) -> io::Result<(u64, PostingList)> {
        let key = read_u64(r)?;
        let len = read_u32(r)?;
        let last = read_u32(r)?;
        let n = read_u64(r)?;
        if len >= BITMAP {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "a list too long",
            ));
        }
        // `take`: the bytes are read as they come, never allocated on the count's word beyond
        // a bound. (Grown from nothing, each list was reallocated step by step: a quarter of
        // taking a saved index in.)
        let mut bytes = Vec::with_capacity(usize::try_from(n.min(Self::RESERVE_MAX)).unwrap_or(0));
        r.take(n).read_to_end(&mut bytes)?;
        let bad = || {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "a list that disagrees with its header",
            )
        };
        // A list whose gaps take more bytes than its bitmap is made one as it is checked (a
        // bitmap smaller than the bytes read: no allocation on the header's word).
        let bitmap = (last as usize).div_ceil(8);
        let mut bits = if bitmap < bytes.len() {
            vec![0u8; bitmap]
        } else {
            Vec::new()
        };
        let mut list = PostingList { bytes, last, len };
        if bits.is_empty() {
            // Kept as gaps: only their count and sum need checking.
            return match count_and_end(&list.bytes) {
                Some((count, end))
                    if list.bytes.len() as u64 == n && count == len && end == u64::from(last) =>
                {
                    Ok((key, list))
                }
                _ => Err(bad()),
            };
        }
        let (mut count, mut prev) = (0u32, 0u64);
        let mut ids = list.iter();
        while let Some(id) = ids.next_checked() {
            let id = id?;
            if id >= last {
                return Err(bad());
            }
            if let Some(b) = bits.get_mut(id as usize / 8) {
                *b |= 1 << (id % 8);
            }
            count += 1;
            prev = u64::from(id) + 1;
        }
        if list.bytes.len() as u64 != n || count != len || prev != u64::from(last) {
            return Err(bad());
        }
        if !bits.is_empty() {
            list.bytes = bits;
            list.len |= BITMAP;
        }
        Ok((key, list))
    }

    fn heap_bytes(&self) -> usize {
        self.bytes.capacity()
    }

    /// The smaller of the two forms, with no spare capacity (once no more is added).
    fn settle(&mut self) {
        let bitmap = (self.last as usize).div_ceil(8);
        if self.is_bitmap() {
            self.bytes.truncate(bitmap);
            // A gap takes a byte at least: as many paragraphs as the bitmap has bytes, and
            // it is the smaller form, without counting.
            if self.len() < bitmap && self.gaps_len() < bitmap {
                self.bytes = self.gaps().into_owned();
                self.len &= !BITMAP;
            }
        } else if self.bytes.len() > bitmap {
            self.make_bitmap();
        }
        self.bytes.shrink_to_fit();
    }

    /// The bytes the list's gaps take.
    fn gaps_len(&self) -> usize {
        if !self.is_bitmap() {
            return self.bytes.len();
        }
        let mut prev = 0;
        self.iter()
            .map(|id| {
                let gap = id - prev;
                prev = id + 1;
                (32 - gap.leading_zeros()).div_ceil(7).max(1) as usize
            })
            .sum()
    }
}

/// Order entries `(pair << local_bits) | paragraph` by pair, keeping the order of entries of
/// the same pair: gathered paragraph by paragraph, each pair's paragraphs stay ascending, so
/// only the pair's bits are sorted on. A least-significant-digit radix sort through `scratch`,
/// a byte of a char a pass; a digit all entries share (the high bits of BMP chars: most
/// batches have no other) is skipped, so a batch takes one counting pass and four moves, where
/// a comparison sort took about twenty (it was a third of the indexing time).
fn sort_by_pair(pairs: &mut Vec<u64>, scratch: &mut Vec<u64>, local_bits: u32) {
    // (shift, mask) of each digit of a pair: the second char's three, then the first's.
    const DIGITS: [(u32, u64); 6] = [
        (0, 0xFF),
        (8, 0xFF),
        (16, 0x1F),
        (21, 0xFF),
        (29, 0xFF),
        (37, 0x1F),
    ];
    let n = pairs.len();
    let mut counts = [[0u32; 256]; 6];
    for &e in pairs.iter() {
        let pair = e >> local_bits;
        for (count, &(shift, mask)) in counts.iter_mut().zip(&DIGITS) {
            count[((pair >> shift) & mask) as usize] += 1;
        }
    }
    scratch.clear();
    scratch.resize(n, 0);
    for (count, &(shift, mask)) in counts.iter().zip(&DIGITS) {
        if count.iter().any(|&c| c as usize == n) {
            continue;
        }
        let mut next = [0u32; 256];
        let mut sum = 0;
        for (slot, &c) in next.iter_mut().zip(count) {
            *slot = sum;
            sum += c;
        }
        for &e in pairs.iter() {
            let slot = &mut next[(((e >> local_bits) >> shift) & mask) as usize];
            scratch[*slot as usize] = e;
            *slot += 1;
        }
        std::mem::swap(pairs, scratch);
    }
}

/// Append `gap` as a LEB128 varint.
#[inline(always)]
fn push_varint(out: &mut Vec<u8>, mut gap: u32) {
    while gap >= 0x80 {
        out.push((gap as u8) | 0x80);
        gap >>= 7;
    }
    out.push(gap as u8);
}

/// Decoder of a [`PostingList`].
pub(crate) struct Ids<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The previous paragraph plus one.
    prev: u32,
    /// For a bitmap: the bits of `bytes[at]` not yet given.
    bits: Option<u8>,
}

impl Iterator for Ids<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        if let Some(bits) = &mut self.bits {
            while *bits == 0 {
                self.at += 1;
                *bits = *self.bytes.get(self.at)?;
            }
            let bit = bits.trailing_zeros();
            *bits &= *bits - 1;
            return Some(self.at as u32 * 8 + bit);
        }
        let mut gap: u32 = 0;
        let mut shift = 0;
        loop {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            gap |= ((b & 0x7f) as u32) << shift;
            if b < 0x80 {
                break;
            }
            shift += 7;
        }
        self.prev += gap + 1;
        Some(self.prev - 1)
    }
}

impl Ids<'_> {
    /// The next id, or an error for bytes that are no varint or overflow a `u32`.
    fn next_checked(&mut self) -> Option<io::Result<u32>> {
        let bad = || io::Error::new(io::ErrorKind::InvalidData, "a damaged list");
        if self.at >= self.bytes.len() {
            return None;
        }
        let mut gap: u64 = 0;
        let mut shift = 0;
        loop {
            let Some(&b) = self.bytes.get(self.at) else {
                return Some(Err(bad()));
            };
            self.at += 1;
            gap |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                break;
            }
            shift += 7;
            if shift > 35 {
                return Some(Err(bad()));
            }
        }
        let next = u64::from(self.prev) + gap + 1;
        match u32::try_from(next) {
            Ok(n) if n < u32::MAX => {
                self.prev = n;
                Some(Ok(n - 1))
            }
            _ => Some(Err(bad())),
        }
    }
}

/// How many ids a list's gap bytes hold, and its last id plus one: what decoding them one by
/// one ([`Ids::next_checked`]) gives, or `None` where that fails (bytes that are no varints,
/// an id past `u32::MAX - 2`), without making each id. A saved index's lists are checked as
/// they are read, and decoding every id was more than half of taking one in.
fn count_and_end(bytes: &[u8]) -> Option<(u32, u64)> {
    // One byte a gap (gaps under 128, as in most lists of common chars and pairs): a sum the
    // compiler vectorises. (The count is at most the end.)
    if bytes.iter().all(|&b| b < 0x80) {
        let sum: u64 = bytes.iter().map(|&b| u64::from(b)).sum();
        let end = sum + bytes.len() as u64;
        return (end < u64::from(u32::MAX))
            .then(|| u32::try_from(bytes.len()).ok().map(|count| (count, end)))
            .flatten();
    }
    let (mut count, mut end, mut gap, mut shift) = (0u32, 0u64, 0u64, 0u32);
    for &b in bytes {
        gap |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            // An id is one more than the gap past the id before (see `Ids`).
            end += gap + 1;
            if end >= u64::from(u32::MAX) {
                return None;
            }
            // At most `end`: no overflow.
            count += 1;
            (gap, shift) = (0, 0);
        } else {
            shift += 7;
            if shift > 35 {
                return None;
            }
        }
    }
    // The last varint ended.
    (shift == 0).then_some((count, end))
}

fn read_u64(r: &mut dyn Read) -> io::Result<u64> {
    let mut b = [0; 8];
    r.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}

fn read_u32(r: &mut dyn Read) -> io::Result<u32> {
    let mut b = [0; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

/// A multiplicative hash for the map's `u64` keys (code points: no adversary to defend against,
/// and SipHash would double the build time).
#[derive(Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_u64(&mut self, k: u64) {
        self.0 = (k ^ (k >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 ^= self.0 >> 32;
    }
}

/// Characters below this have a slot in the dense table.
const DENSE: usize = 0x1_0000;

/// Whether paragraphs are listed under a (folded) character and the pairs it is in: not under
/// the spaces and punctuation between words, which make a fifth of a Chinese text's pairs and
/// which queries seldom hold (a word holding one is found by its other keys and checked).
#[inline]
pub(crate) fn is_listed(c: char) -> bool {
    !matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | ','
            | '。'
            | '、'
            | ';'
            | ':'
            | '!'
            | '?'
            | '('
            | ')'
            | '"'
            | '\''
            | '“'
            | '”'
            | '《'
            | '》'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '…'
            | '—'
            | '·'
    )
}

/// The key of a pair of adjacent characters (a flag bit keeps it apart from single characters).
#[inline]
fn pair_key(a: char, b: char) -> u64 {
    (1 << 42) | ((a as u64) << 21) | b as u64
}

/// What a query term can look up: one character or a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    Char(char),
    Pair(char, char),
}

impl Key {
    /// The keys a word is looked up by: its character, or its adjacent pairs (each once), of
    /// listed characters ([`is_listed`]); a listed character in no listed pair stands alone.
    /// With `true` when they are all the word's keys (no character of it is unlisted).
    pub(crate) fn of_word(word: &str) -> (Vec<Key>, bool) {
        let chars: Vec<char> = word.chars().collect();
        let whole = chars.iter().all(|&c| is_listed(c));
        if chars.len() == 1 {
            return (
                chars
                    .iter()
                    .filter(|&&c| is_listed(c))
                    .map(|&c| Key::Char(c))
                    .collect(),
                whole,
            );
        }
        let paired = |i: usize| {
            let listed = |j: usize| chars.get(j).is_some_and(|&c| is_listed(c));
            (i > 0 && listed(i - 1)) || listed(i + 1)
        };
        let mut keys: Vec<Key> = Vec::with_capacity(chars.len());
        for (i, &c) in chars.iter().enumerate() {
            if !is_listed(c) {
                continue;
            }
            match chars.get(i + 1) {
                Some(&n) if is_listed(n) => keys.push(Key::Pair(c, n)),
                _ if !paired(i) => keys.push(Key::Char(c)),
                _ => {}
            }
        }
        let mut seen = Vec::with_capacity(keys.len());
        keys.retain(|k| {
            let new = !seen.contains(k);
            seen.push(*k);
            new
        });
        (keys, whole)
    }

    /// The key as one number, as the lists are stored under it.
    pub(crate) fn packed(self) -> u64 {
        match self {
            Key::Char(c) => c as u64,
            Key::Pair(a, b) => pair_key(a, b),
        }
    }
}

/// All posting lists.
#[derive(Clone, Default)]
pub(crate) struct Postings {
    /// Single characters below [`DENSE`], indexed by code point (allocated on first use).
    dense: Vec<PostingList>,
    /// Pairs, and single characters from [`DENSE`] on.
    map: HashMap<u64, PostingList, BuildHasherDefault<KeyHasher>>,
    /// [`Postings::add_report`]'s pairs, kept from one call to the next: a batch's are
    /// megabytes, and buffers that size allocated and freed by each batch left holes among the
    /// lists that never went back to the system (13 MB of the TUI's peak at 10,000 reports).
    pairs: Vec<u64>,
    /// The radix sort's second buffer, kept too (allocated by each batch, it made such holes).
    scratch: Vec<u64>,
}

/// Memory held by the posting lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PostingStats {
    /// Distinct characters and pairs indexed.
    pub keys: usize,
    /// Entries over all lists (one per key per paragraph containing it).
    pub entries: usize,
    /// Bytes of the encoded lists (allocated capacity).
    pub list_bytes: usize,
    /// Bytes of the tables that find the lists (dense table and hash map, estimated).
    pub table_bytes: usize,
}

impl Postings {
    /// The dense table, allocated on first use.
    fn ready(&mut self) {
        if self.dense.is_empty() {
            self.dense.resize_with(DENSE, PostingList::default);
        }
    }

    /// List paragraph `id` under the single character `c`.
    #[inline]
    fn add_char(&mut self, id: u32, c: char) {
        if (c as usize) < DENSE {
            self.dense[c as usize].push(id);
        } else {
            self.map.entry(c as u64).or_default().push(id);
        }
    }

    /// Index one paragraph's text, folded, as paragraph `id` (ids must be added in ascending
    /// order).
    pub(crate) fn add_paragraph(&mut self, id: u32, text: &str) {
        self.ready();
        let mut prev: Option<char> = None;
        for c in text.chars().map(fold_char) {
            if !is_listed(c) {
                prev = None;
                continue;
            }
            self.add_char(id, c);
            if let Some(p) = prev {
                self.map.entry(pair_key(p, c)).or_default().push(id);
            }
            prev = Some(c);
        }
    }

    /// Index one report's paragraphs, numbered from `first` (above every id added before).
    ///
    /// Pairs are gathered (each once per paragraph, mostly), sorted and appended one key at a
    /// time: the map (a million keys on a big pile, far bigger than the CPU caches) is then
    /// looked up once per distinct pair of the report instead of once per character, which
    /// made indexing the slowest part of loading.
    pub(crate) fn add_report<'a>(
        &mut self,
        first: u32,
        paragraphs: impl IntoIterator<Item = &'a str>,
    ) -> u32 {
        const LOCAL_BITS: u32 = 22;
        self.ready();
        // (pair << 22) | local paragraph number: sorting orders by pair, then paragraph.
        let mut pairs = std::mem::take(&mut self.pairs);
        pairs.clear();
        // Entries of the last paragraphs by a hash of the entry (it includes the paragraph, so
        // the table never needs clearing); u64::MAX is no entry (no character is 0x1FFFFF).
        let mut seen = [u64::MAX; 1024];
        let mut id = first;
        for text in paragraphs {
            let local = u64::from(id - first);
            if local >> LOCAL_BITS != 0 {
                // More paragraphs than the packing holds (never in a real report).
                self.add_paragraph(id, text);
                id += 1;
                continue;
            }
            let mut prev: Option<char> = None;
            for c in text.chars().map(fold_char) {
                if !is_listed(c) {
                    prev = None;
                    continue;
                }
                self.add_char(id, c);
                if let Some(p) = prev {
                    let e = (((p as u64) << 21 | c as u64) << LOCAL_BITS) | local;
                    // A pair seen again in the same paragraph (most recently in its slot) is
                    // not gathered twice: less to sort.
                    let slot = &mut seen[(e.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 54) as usize];
                    if *slot != e {
                        *slot = e;
                        pairs.push(e);
                    }
                }
                prev = Some(c);
            }
            id += 1;
        }
        let mut scratch = std::mem::take(&mut self.scratch);
        sort_by_pair(&mut pairs, &mut scratch, LOCAL_BITS);
        self.scratch = scratch;
        let mut at = 0;
        while at < pairs.len() {
            let pair = pairs[at] >> LOCAL_BITS;
            let list = self.map.entry((1 << 42) | pair).or_default();
            while let Some(&e) = pairs.get(at).filter(|&&e| e >> LOCAL_BITS == pair) {
                list.push(first + (e & ((1 << LOCAL_BITS) - 1)) as u32);
                at += 1;
            }
        }
        self.pairs = pairs;
        id
    }

    /// The list of a key (`None`: no paragraph has it).
    pub(crate) fn get(&self, key: Key) -> Option<&PostingList> {
        let list = match key {
            Key::Char(c) if (c as usize) < DENSE => self.dense.get(c as usize),
            Key::Char(c) => self.map.get(&(c as u64)),
            Key::Pair(a, b) => self.map.get(&pair_key(a, b)),
        };
        list.filter(|l| l.len() > 0)
    }

    /// Give back the spare capacity of the lists (after the last report is added).
    pub(crate) fn shrink_to_fit(&mut self) {
        self.dense.iter_mut().for_each(PostingList::settle);
        self.map.values_mut().for_each(PostingList::settle);
        self.map.shrink_to_fit();
        self.pairs = Vec::new();
        self.scratch = Vec::new();
    }

    /// Write every list, for [`Postings::read_from`]: the used characters of the dense table,
    /// then the map, each list as key, length, last paragraph + 1, byte count and bytes (all
    /// little-endian).
    pub(crate) fn write_to(&self, w: &mut dyn Write) -> io::Result<()> {
        let dense = self.dense.iter().enumerate().filter(|(_, l)| l.len > 0);
        w.write_all(&(dense.clone().count() as u64).to_le_bytes())?;
        for (c, l) in dense {
            l.write_to(c as u64, w)?;
        }
        w.write_all(&(self.map.len() as u64).to_le_bytes())?;
        for (&k, l) in &self.map {
            l.write_to(k, w)?;
        }
        Ok(())
    }

    /// Lists written by [`Postings::write_to`], and the highest paragraph they name plus one.
    /// Bounded by what `r` holds (nothing is allocated on a count's word alone); a key out of
    /// place or a list whose header disagrees with its bytes is an error.
    pub(crate) fn read_from(r: &mut dyn Read) -> io::Result<(Postings, u32)> {
        let bad = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_string());
        let mut out = Postings::default();
        let mut end = 0u32;
        // The dense table is made once all is read (a failed read then costs little).
        let mut chars = Vec::new();
        let dense = read_u64(r)?;
        for _ in 0..dense {
            let (k, l) = PostingList::read_from(r)?;
            let k = usize::try_from(k).unwrap_or(usize::MAX);
            if k >= DENSE || chars.last().is_some_and(|&(prev, _)| prev >= k) {
                return Err(bad("a character's list out of place"));
            }
            end = end.max(l.last);
            chars.push((k, l));
        }
        let mapped = read_u64(r)?;
        for _ in 0..mapped {
            let (k, l) = PostingList::read_from(r)?;
            let pair =
                k >> 42 == 1 && (k >> 21) & 0x1f_ffff <= 0x10_ffff && k & 0x1f_ffff <= 0x10_ffff;
            let char = (DENSE as u64..=0x10_ffff).contains(&k);
            if !(pair || char) || out.map.contains_key(&k) {
                return Err(bad("a pair's list out of place or twice"));
            }
            end = end.max(l.last);
            out.map.insert(k, l);
        }
        out.ready();
        for (k, l) in chars {
            out.dense[k] = l;
        }
        Ok((out, end))
    }

    pub(crate) fn stats(&self) -> PostingStats {
        let used_dense = self.dense.iter().filter(|l| l.len() > 0);
        let lists = used_dense.chain(self.map.values());
        let mut s = PostingStats::default();
        for l in lists {
            s.keys += 1;
            s.entries += l.len();
            s.list_bytes += l.heap_bytes();
        }
        let entry = std::mem::size_of::<(u64, PostingList)>() + 1;
        s.table_bytes = self.dense.capacity() * std::mem::size_of::<PostingList>()
            + self.map.capacity() * entry;
        s
    }
}

/// The ids of `a` that are also in `list` (both ascending).
pub(crate) fn intersect(a: &[u32], list: &PostingList) -> Vec<u32> {
    if list.is_bitmap() {
        return a.iter().copied().filter(|&x| list.has_bit(x)).collect();
    }
    let mut out = Vec::with_capacity(a.len().min(list.len()));
    let mut ids = list.iter();
    let mut cur = ids.next();
    for &x in a {
        while cur.is_some_and(|y| y < x) {
            cur = ids.next();
        }
        match cur {
            Some(y) if y == x => out.push(x),
            Some(_) => {}
            None => break,
        }
    }
    out
}

/// Ids in both ascending slices.
pub(crate) fn intersect_sorted(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (small, big) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut out = Vec::with_capacity(small.len());
    let mut j = 0;
    for &x in small {
        j += big[j..].partition_point(|&y| y < x);
        if big.get(j) == Some(&x) {
            out.push(x);
        }
    }
    out
}

/// Ids in either ascending slice, each once.
pub(crate) fn union_sorted(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Ids of `a` not in `b` (both ascending).
pub(crate) fn difference_sorted(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len());
    let mut j = 0;
    for &x in a {
        j += b[j..].partition_point(|&y| y < x);
        if b.get(j) != Some(&x) {
            out.push(x);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip_with_big_gaps_and_repeats() {
        let mut l = PostingList::default();
        let ids = [
            0u32,
            0,
            1,
            127,
            128,
            300,
            300,
            70_000,
            5_000_000,
            u32::MAX - 1,
        ];
        for &i in &ids {
            l.push(i);
        }
        let mut want: Vec<u32> = ids.to_vec();
        want.dedup();
        assert_eq!(l.iter().collect::<Vec<_>>(), want);
        assert_eq!(l.len(), want.len());
    }

    #[test]
    fn punctuation_and_spaces_are_not_listed() {
        let mut p = Postings::default();
        p.add_paragraph(0, "乡村，振兴。 产业");
        let ids = |k| p.get(k).map(|l| l.iter().collect::<Vec<_>>());
        assert_eq!(ids(Key::Pair('乡', '村')), Some(vec![0]));
        assert_eq!(ids(Key::Char('振')), Some(vec![0]));
        for k in [
            Key::Char(','),
            Key::Char('。'),
            Key::Char(' '),
            Key::Pair('村', ','),
            Key::Pair(',', '振'),
            Key::Pair('兴', '。'),
        ] {
            assert_eq!(ids(k), None, "{k:?}");
        }
        // A word is looked up by its listed keys, and says when they are not all of it.
        let of = |w: &str| Key::of_word(&crate::fold::fold(w));
        assert_eq!(of("乡村"), (vec![Key::Pair('乡', '村')], true));
        assert_eq!(
            of("村，振兴"),
            (vec![Key::Char('村'), Key::Pair('振', '兴')], false)
        );
        assert_eq!(
            of("“十四五”"),
            (vec![Key::Pair('十', '四'), Key::Pair('四', '五')], false)
        );
        assert_eq!(of("，"), (vec![], false));
        assert_eq!(of("乡"), (vec![Key::Char('乡')], true));
    }

    #[test]
    fn paragraphs_are_listed_under_chars_and_pairs() {
        let mut p = Postings::default();
        p.add_paragraph(0, "乡村振兴");
        p.add_paragraph(1, "振兴乡村𠀀");
        p.add_paragraph(2, "产业");
        let ids = |k| p.get(k).map(|l| l.iter().collect::<Vec<_>>());
        assert_eq!(ids(Key::Pair('乡', '村')), Some(vec![0, 1]));
        assert_eq!(ids(Key::Pair('兴', '乡')), Some(vec![1]));
        assert_eq!(ids(Key::Char('产')), Some(vec![2]));
        assert_eq!(ids(Key::Char('𠀀')), Some(vec![1]));
        assert_eq!(ids(Key::Pair('村', '𠀀')), Some(vec![1]));
        assert_eq!(ids(Key::Pair('业', '乡')), None);
        let s = p.stats();
        assert_eq!(s.entries, 4 + 3 + 5 + 4 + 2 + 1);
    }

    proptest::proptest! {
        /// The radix sort orders entries by pair as a stable sort does: equal pairs keep
        /// their order (their paragraphs), whatever the chars (ASCII, BMP, beyond).
        #[test]
        fn pairs_are_sorted_as_a_stable_sort_sorts_them(
            entries in proptest::collection::vec(
                (0usize..6, 0usize..6, 0u64..(1 << 22)),
                0..300,
            ),
        ) {
            const CHARS: [u64; 6] = [0x41, 0x4E61, 0x4E00, 0x9FA5, 0x2_0000, 0x10_FFFF];
            let mut pairs: Vec<u64> = entries
                .iter()
                .map(|&(a, b, local)| ((CHARS[a] << 21 | CHARS[b]) << 22) | local)
                .collect();
            let mut want = pairs.clone();
            want.sort_by_key(|e| e >> 22);
            sort_by_pair(&mut pairs, &mut Vec::new(), 22);
            proptest::prop_assert_eq!(pairs, want);
        }
    }

    /// A report added at once (pairs sorted) lists exactly what its paragraphs added one by one
    /// list: the same keys, the same ascending paragraphs, repeats within a paragraph once.
    #[test]
    fn a_report_at_once_equals_its_paragraphs_one_by_one() {
        let reports: [&[&str]; 3] = [
            &["乡村振兴发展，发展乡村", "gdp增长5%,一般公共预算收入", ""],
            &["振兴乡村𠀀𠀀", "发展发展发展"],
            &["产业兴旺", "村乡", "𠀀村"],
        ];
        let (mut one, mut all) = (Postings::default(), Postings::default());
        let mut id = 0;
        for paragraphs in reports {
            let next = all.add_report(id, paragraphs.iter().copied());
            for text in paragraphs {
                one.add_paragraph(id, text);
                id += 1;
            }
            assert_eq!(next, id);
        }
        let lists = |p: &Postings| {
            let mut v: Vec<(u64, Vec<u32>)> = p
                .map
                .iter()
                .map(|(k, l)| (*k, l.iter().collect()))
                .chain(
                    p.dense
                        .iter()
                        .enumerate()
                        .filter(|(_, l)| l.len() > 0)
                        .map(|(c, l)| (c as u64, l.iter().collect())),
                )
                .collect();
            v.sort();
            v
        };
        assert_eq!(lists(&all), lists(&one));
        assert_eq!(
            all.get(Key::Pair('发', '展'))
                .map(|l| l.iter().collect::<Vec<_>>()),
            Some(vec![0, 4])
        );
    }

    /// A list pushed `ids` (ascending, repeats allowed): what it lists, as pushed, settled and
    /// written and read back, and what it meets of `probe`.
    fn list_checks(
        ids: &[u32],
        probe: &[u32],
    ) -> Result<PostingList, proptest::test_runner::TestCaseError> {
        let mut want = ids.to_vec();
        want.dedup();
        let mut l = PostingList::default();
        ids.iter().for_each(|&i| l.push(i));
        proptest::prop_assert_eq!(l.iter().collect::<Vec<_>>(), want.clone());
        proptest::prop_assert_eq!(l.len(), want.len());
        let met: Vec<u32> = probe.iter().copied().filter(|x| want.contains(x)).collect();
        proptest::prop_assert_eq!(intersect(probe, &l), met.clone());
        let mut saved = Vec::new();
        l.write_to(7, &mut saved).expect("written");
        let (key, read) = PostingList::read_from(&mut saved.as_slice()).expect("read back");
        proptest::prop_assert_eq!(key, 7);
        proptest::prop_assert_eq!(read.iter().collect::<Vec<_>>(), want.clone());
        proptest::prop_assert_eq!(intersect(probe, &read), met.clone());
        l.settle();
        proptest::prop_assert_eq!(l.iter().collect::<Vec<_>>(), want.clone());
        proptest::prop_assert_eq!(intersect(probe, &l), met);
        // Settled, it is in the smaller form.
        let bitmap = (l.last as usize).div_ceil(8);
        proptest::prop_assert!(l.bytes.len() <= bitmap.max(l.gaps_len()));
        proptest::prop_assert_eq!(l.bytes.len(), bitmap.min(l.gaps_len()));
        Ok(l)
    }

    #[test]
    fn a_key_in_most_paragraphs_is_a_bitmap() {
        // In 9 paragraphs of 10: a bitmap while pushed, far smaller than its gaps.
        let ids: Vec<u32> = (0..100_000).filter(|i| i % 10 != 3).collect();
        let l = list_checks(&ids, &[0, 3, 4, 99_999, 100_000]).expect("checks");
        assert!(l.is_bitmap());
        assert_eq!(l.bytes.len(), 12_500);
        // In one paragraph of 100: gaps.
        let ids: Vec<u32> = (0..100_000).step_by(100).collect();
        let l = list_checks(&ids, &[0, 100, 150]).expect("checks");
        assert!(!l.is_bitmap());
        // Dense and then rare: a bitmap while pushed, gaps again once settled if smaller.
        let mut ids: Vec<u32> = (0..2_000).collect();
        ids.extend((1..50).map(|i| 2_000 + i * 100_000));
        let mut l = PostingList::default();
        ids.iter().for_each(|&i| l.push(i));
        assert!(l.is_bitmap());
        l.settle();
        assert!(!l.is_bitmap());
        assert_eq!(l.iter().collect::<Vec<_>>(), ids);
    }

    proptest::proptest! {
        /// Lists of every density list, meet, save and settle what was pushed.
        #[test]
        fn lists_of_any_density_keep_their_paragraphs(
            steps in proptest::collection::vec((0u32..12, proptest::bool::weighted(0.05)), 0..3000),
            probe in proptest::collection::vec(0u32..40_000, 0..50),
        ) {
            // Mostly small steps (dense runs), now and then a long jump; repeats included.
            let mut ids = Vec::new();
            let mut at = 0u32;
            for (step, jump) in steps {
                at += if jump { step * 1000 } else { step / 4 };
                ids.push(at);
            }
            let mut probe = probe;
            probe.sort_unstable();
            probe.dedup();
            list_checks(&ids, &probe)?;
        }
    }

    /// [`count_and_end`] as decoding id by id gives it: the count and last id plus one, or a
    /// failure.
    fn decoded(bytes: &[u8]) -> Option<(u32, u64)> {
        let mut ids = Ids {
            bytes,
            at: 0,
            prev: 0,
            bits: None,
        };
        let (mut count, mut end) = (0u32, 0u64);
        while let Some(id) = ids.next_checked() {
            end = u64::from(id.ok()?) + 1;
            count += 1;
        }
        Some((count, end))
    }

    #[test]
    fn counting_gaps_fails_where_decoding_does() {
        for bytes in [
            &[][..],
            &[0, 5, 127],
            &[0x80],
            &[0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
            &[0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
            // Ids at the top of u32: the last one allowed is u32::MAX - 2.
            &[0xfd, 0xff, 0xff, 0xff, 0x0f],
            &[0xfe, 0xff, 0xff, 0xff, 0x0f],
            &[0xfc, 0xff, 0xff, 0xff, 0x0f, 0x00],
        ] {
            assert_eq!(count_and_end(bytes), decoded(bytes), "{bytes:x?}");
        }
        assert_eq!(
            count_and_end(&[0xfd, 0xff, 0xff, 0xff, 0x0f]),
            Some((1, 0xffff_fffe))
        );
        assert_eq!(count_and_end(&[0xfe, 0xff, 0xff, 0xff, 0x0f]), None);
    }

    proptest::proptest! {
        /// Any bytes: one-byte gaps, long varints, ends cut short, sums past `u32`.
        #[test]
        fn counting_gaps_is_decoding_them(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![0u8..0x80, 0x80u8..=0xff, proptest::strategy::Just(0x80u8), proptest::strategy::Just(0xffu8)],
                0..40,
            ),
            short in proptest::collection::vec(0u8..0x80, 0..2000),
        ) {
            proptest::prop_assert_eq!(count_and_end(&bytes), decoded(&bytes));
            proptest::prop_assert_eq!(count_and_end(&short), decoded(&short));
            let both = [&short[..], &bytes[..]].concat();
            proptest::prop_assert_eq!(count_and_end(&both), decoded(&both));
        }
    }

    #[test]
    fn set_operations() {
        assert_eq!(intersect_sorted(&[1, 3, 5, 7], &[3, 4, 7, 9]), vec![3, 7]);
        assert_eq!(union_sorted(&[1, 3, 5], &[2, 3, 6]), vec![1, 2, 3, 5, 6]);
        assert_eq!(difference_sorted(&[1, 3, 5, 7], &[3, 7, 8]), vec![1, 5]);
        let mut l = PostingList::default();
        [2u32, 3, 9, 10].iter().for_each(|&i| l.push(i));
        assert_eq!(intersect(&[1, 3, 9, 11], &l), vec![3, 9]);
    }
}
