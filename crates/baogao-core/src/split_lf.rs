//! `str::split('\n')` with the breaks found by memchr's vector search. std's `split` finds a
//! char with a word-at-a-time memchr; loading splits every file into lines (cleaning, and again
//! to find each paragraph's file line), and that scan was a twenty-fifth of `grep --no-cache`.

/// The pieces of `s` between `\n`s, as `s.split('\n')` gives them (an empty piece after a
/// trailing `\n`, one empty piece for an empty `s`).
pub(crate) fn split_lf(s: &str) -> impl Iterator<Item = &str> {
    let mut breaks = memchr::memchr_iter(b'\n', s.as_bytes());
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        match breaks.next() {
            Some(nl) => {
                start = Some(nl + 1);
                Some(&s[from..nl])
            }
            None => {
                start = None;
                Some(&s[from..])
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::split_lf;

    proptest::proptest! {
        #[test]
        fn pieces_are_those_of_std_split(s in "[\n\r一，a ]{0,40}") {
            let ours: Vec<&str> = split_lf(&s).collect();
            let std: Vec<&str> = s.split('\n').collect();
            proptest::prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn edges_are_kept_as_std_keeps_them() {
        for s in ["", "\n", "一\n", "\n二", "一\n\n二\r\n"] {
            assert_eq!(
                split_lf(s).collect::<Vec<_>>(),
                s.split('\n').collect::<Vec<_>>(),
                "{s:?}"
            );
        }
    }
}
