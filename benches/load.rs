//! Loading stores with full texts (1-3 KB summaries, 3-10 KB presentations):
//! 1k, 10k and 100k practices (about 10 MB, 100 MB and 1 GB of JSON), both
//! eagerly (what `validate` does) and lazily (what the browser and the
//! lookups do: long texts skipped until shown). `cargo bench --bench load`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use praktyki::store::{LoadOptions, load::parse_str};
use praktyki::synth;

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
}

criterion_group!(benches, bench);
criterion_main!(benches);
