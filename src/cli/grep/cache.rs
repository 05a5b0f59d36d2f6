//! The grep cache: for each file searched, its [`doc`](super::doc) form, so that the next search of
//! an unchanged file skips decoding, cleaning and outlining (which take ~50× longer than reading
//! and hashing the file). A [`crate::cache::Store`] named `grep` (`~/.cache/baogao/grep`): the
//! store's rules on validity, privacy and size apply.

use crate::cache::{Kind, Store};

/// The grep cache's size bound on disk.
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

const KIND: Kind = Kind {
    name: "grep",
    format: 4,
    max_bytes: MAX_BYTES,
};

/// The grep cache, or `None` when there is no usable private directory or program identity (a
/// directory unfit for use is named on stderr). Swept now and then.
pub fn open() -> Option<Store> {
    match Store::open(KIND, 0) {
        Ok(store) => {
            let store = store?;
            store.sweep_now_and_then();
            Some(store)
        }
        Err(why) => {
            crate::cli::warn(why);
            None
        }
    }
}
