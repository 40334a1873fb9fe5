//! Index build and search typed one keystroke at a time, on synthetic
//! stores of 10k and 100k practices. `cargo bench --bench search`.
//! Per keystroke = the time of a whole typed query / its length (criterion
//! prints that as the throughput in keystrokes per second too).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use praktyki::search::Index;
use praktyki::store::synth;

const QUERIES: [&str; 5] = ["opole", "aglo opol", "zwiazek gmin", "lodz", "wroclaw"];

fn bench(c: &mut Criterion) {
    for n in [10_000usize, 100_000] {
        let store = synth::names_only(n, 42);
        let label = format!("{}k", n / 1000);
        let mut g = c.benchmark_group("index_build");
        g.sample_size(10);
        g.bench_function(&label, |b| b.iter(|| Index::new(&store.practices)));
        g.finish();

        let index = Index::new(&store.practices);
        let mut g = c.benchmark_group(format!("keystrokes_{label}"));
        g.sample_size(20);
        for q in QUERIES {
            let prefixes: Vec<String> = (1..=q.chars().count()).map(|i| q.chars().take(i).collect()).collect();
            g.throughput(Throughput::Elements(prefixes.len() as u64));
            g.bench_with_input(BenchmarkId::from_parameter(q), &prefixes, |b, prefixes| {
                b.iter(|| {
                    for p in prefixes {
                        std::hint::black_box(index.search(p));
                    }
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
