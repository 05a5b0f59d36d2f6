//! Criterion benchmarks of the search engine over ~1,000 reports built at run time from
//! `$BAOGAO_SHARED/corpus` (default `../shared`), or from the bundled samples when the corpus is
//! missing. `cargo bench --bench search`; the printed-figures version (median, p99, build
//! throughput, grep vs rg) is `cargo run --release --example bench_search`.

use baogao_core::search::{Query, SearchIndex};
use baogao_core::Report;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::path::PathBuf;

fn corpus() -> Vec<Report> {
    let shared = std::env::var_os("BAOGAO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared"));
    let paths = vec![shared.join("corpus").to_string_lossy().into_owned()];
    let mut base: Vec<Report> = baogao_core::load_paths(&paths, &Default::default())
        .into_iter()
        .flatten()
        .collect();
    if base.is_empty() {
        eprintln!(
            "no corpus under {}: using the bundled samples",
            shared.display()
        );
        base = baogao::samples::reports();
    }
    // Each copy gets a numbered first line, so no two reports are identical.
    (0..1000)
        .map(|i| {
            let r = &base[i % base.len()];
            let text = format!("第{i}份\n{}", r.text);
            baogao_core::load::from_text(&format!("{i}_{}", r.source), &text, "UTF-8")
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let reports = corpus();
    let bytes: usize = reports.iter().map(|r| r.text.len()).sum();

    let mut g = c.benchmark_group("index");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("build", |b| {
        b.iter(|| SearchIndex::new(black_box(&reports)))
    });
    g.finish();

    let index = SearchIndex::new(&reports);
    baogao_core::segment::warm_up();
    let mut g = c.benchmark_group("query");
    g.throughput(Throughput::Bytes(index.len_bytes() as u64));
    for (name, q, words) in [
        ("common", "发展", false),
        ("rare", "碳达峰", false),
        ("and", "乡村振兴 产业", false),
        ("or", "gdp|生产总值", false),
        ("not", "乡村振兴 -疫情", false),
        ("words", "乡村振兴产业发展", true),
    ] {
        let query = Query::parse(q, words).expect("valid query");
        g.bench_with_input(BenchmarkId::new("run", name), &query, |b, q| {
            b.iter(|| index.run(q).len())
        });
        g.bench_with_input(BenchmarkId::new("first_50", name), &query, |b, q| {
            b.iter(|| index.hits(q).take(50).count())
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
