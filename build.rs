//! Embeds the multi-byte encodings' byte forms that their encoders do not tell (see
//! `src/cli/grep/encoding_tables.rs`): decoding the whole tables took grep's prefilter about 60 M
//! instructions on every run.

#[path = "src/cli/grep/encoding_tables.rs"]
#[allow(dead_code)]
mod encoding_tables;

fn main() {
    println!("cargo::rerun-if-changed=src/cli/grep/encoding_tables.rs");
    println!("cargo::rerun-if-changed=build.rs");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("irregular_forms.bin"), encoding_tables::records())
        .expect("write irregular_forms.bin");
}
