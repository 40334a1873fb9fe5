//! Loading stores with full texts (1-3 KB summaries, 3-10 KB presentations):
//! 1k, 10k and 100k practices (about 10 MB, 100 MB and 1 GB of JSON), both
//! eagerly (what `validate` does) and lazily (what the browser and the
//! lookups do: long texts skipped until shown). `cargo bench --bench load`.
//!
//! Then the same stores as files, 10k and 100k, the way a start gets them
//! (store and search index): parsed, and read from the start-up cache
//! (`praktyki::load::cache`), and what `praktyki search` reads of the cache.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use praktyki::load::cache;
use praktyki::store::synth;
use praktyki::store::{LoadOptions, load::parse_str};

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    for n in [1_000usize, 10_000, 100_000] {
        let text = serde_json::to_string(&synth::store(n, 42)).expect("synthetic store serialises");
        g.throughput(Throughput::Bytes(text.len() as u64));
        for (mode, lazy) in [("eager", false), ("lazy", true)] {
            let opts = LoadOptions { lazy, ..LoadOptions::default() };
            g.bench_function(format!("{mode}/{}k", n / 1000), |b| {
                b.iter(|| parse_str(&text, "bench.json", opts).expect("synthetic store loads"))
            });
        }
    }
    g.finish();

    let tmp = tempfile::tempdir().expect("temporary directory");
    let cache_dir = tmp.path().join("cache");
    let lazy = LoadOptions { lazy: true, ..LoadOptions::default() };
    let mut g = c.benchmark_group("start");
    g.sample_size(10);
    for n in [10_000usize, 100_000] {
        let path = tmp.path().join(format!("{n}.json"));
        let text = serde_json::to_vec(&synth::store(n, 42)).expect("synthetic store serialises");
        std::fs::write(&path, text).expect("store written");
        let label = format!("{}k", n / 1000);
        g.bench_function(format!("parsed/{label}"), |b| {
            b.iter(|| cache::load_path(&path, lazy, None).expect("loads").write_cache_and_index())
        });
        let mut first = cache::load_path(&path, lazy, Some(&cache_dir)).expect("loads");
        first.write_cache(true);
        assert!(matches!(first.outcome, cache::Outcome::Written(_)), "{:?}", first.outcome);
        g.bench_function(format!("cached/{label}"), |b| {
            b.iter(|| {
                let loaded = cache::load_path(&path, lazy, Some(&cache_dir)).expect("loads");
                assert!(matches!(loaded.outcome, cache::Outcome::Hit(_)));
                loaded.write_cache_and_index()
            })
        });
        g.bench_function(format!("search_names/{label}"), |b| {
            b.iter(|| cache::names(&path, &cache_dir).expect("cached names"))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
