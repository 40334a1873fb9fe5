//! Index build and search typed one keystroke at a time, on synthetic
//! stores of 10k and 100k practices (names), and as the browser searches
//! (names and texts, typos, ids) on 10k practices with full texts.
//! `cargo bench --bench search`.
//! Per keystroke = the time of a whole typed query / its length (criterion
//! prints that as the throughput in keystrokes per second too).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use praktyki::search::{Index, Scope};
use praktyki::store::{Store, synth};

const QUERIES: [&str; 5] = ["opole", "aglo opol", "zwiazek gmin", "lodz", "wroclaw"];
/// Typos and topics, which the names-only queries above do not reach.
const BROWSER_QUERIES: [&str; 4] = ["gdnask", "odpady", "transport zbiorowy", "dowozu uczniow"];

/// Each query typed one character at a time.
fn typed(q: &str) -> Vec<String> {
    (1..=q.chars().count()).map(|i| q.chars().take(i).collect()).collect()
}

fn browser(c: &mut Criterion) {
    let file = synth::store(10_000, 42);
    let store = Store::from_practices("bench", file.practices);
    let mut g = c.benchmark_group("index_build_with_texts");
    g.sample_size(10);
    g.bench_function("10k", |b| b.iter(|| Index::of_store(&store)));
    g.finish();
    let index = Index::of_store(&store);
    let mut g = c.benchmark_group("browser_keystrokes_10k_texts");
    g.sample_size(20);
    for q in QUERIES.iter().chain(&BROWSER_QUERIES) {
        let prefixes = typed(q);
        g.throughput(Throughput::Elements(prefixes.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(q), &prefixes, |b, prefixes| {
            b.iter(|| {
                for p in prefixes {
                    let ids = store.practices.iter().map(|p| p.id());
                    std::hint::black_box(index.find_among(ids, p, Scope { texts: true }, &|| false));
                }
            })
        });
    }
    g.finish();
}

fn bench(c: &mut Criterion) {
    for n in [10_000usize, 100_000] {
        let store = synth::names_only(n, 42);
        let heads = praktyki::store::heads::Heads::of(&store.practices);
        let label = format!("{}k", n / 1000);
        let mut g = c.benchmark_group("index_build");
        g.sample_size(10);
        g.bench_function(&label, |b| b.iter(|| Index::new(&heads)));
        g.finish();

        let index = Index::new(&heads);
        let mut g = c.benchmark_group(format!("keystrokes_{label}"));
        g.sample_size(20);
        for q in QUERIES {
            let prefixes = typed(q);
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

criterion_group!(benches, bench, browser);
criterion_main!(benches);
