//! Hot paths of the local search: segment merge, one full neighbourhood
//! sweep, and a descent from savings to a local optimum (one thread).
//!
//! Instances: R101, RC101 and X-n979-k58 / X-n936-k151 when the benchmark
//! data is found (`$LASTMILE_DATASETS`, default `../shared/datasets`),
//! otherwise generated instances of 100 and 1000 customers.

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use lastmile::generate::{GeneratorConfig, Layout};
use lastmile::search::{
    improve_from_savings, CostModel, LocalSearch, LocalSearchConfig, MultiStartConfig, SearchState,
    TimeWindowSegment,
};
use lastmile::{savings, Duration, Problem, SavingsConfig, TimeWindow};
use std::hint::black_box;

fn instances() -> Vec<(String, Problem)> {
    let files = [
        "solomon/R101.txt",
        "solomon/RC101.txt",
        "cvrp-x/X-n936-k151.vrp",
        "cvrp-x/X-n979-k58.vrp",
    ];
    common::files_or_generated(
        &files,
        &[100, 1000].map(|n| GeneratorConfig::new(Layout::Mixed, n, 1)),
    )
}

fn bench_segment_merge(c: &mut Criterion) {
    let window = |s, e| TimeWindow {
        start: Duration(s),
        end: Duration(e),
    };
    let a = TimeWindowSegment::visit(window(0, 500), Duration(10));
    let b = TimeWindowSegment::visit(window(100, 200), Duration(10));
    c.bench_function("segment_merge", |bench| {
        bench.iter(|| black_box(&a).then(black_box(Duration(37)), black_box(&b)))
    });
}

fn bench_sweep(c: &mut Criterion) {
    let mut group = c.benchmark_group("neighbourhood_sweep");
    group.sample_size(10);
    for (name, problem) in instances() {
        let search = LocalSearch::new(&problem, LocalSearchConfig::default());
        let start = savings(&problem, &SavingsConfig::default());
        let state = SearchState::new(&problem, &start, CostModel::for_problem(&problem));
        group.bench_with_input(BenchmarkId::from_parameter(&name), &state, |b, state| {
            b.iter(|| search.sweep(black_box(state)))
        });
    }
    group.finish();
}

fn bench_descent(c: &mut Criterion) {
    let mut group = c.benchmark_group("local_search_from_savings");
    group.sample_size(10);
    for (name, problem) in instances() {
        let search = LocalSearch::new(&problem, LocalSearchConfig::default());
        let start = savings(&problem, &SavingsConfig::default());
        group.bench_with_input(BenchmarkId::from_parameter(&name), &start, |b, start| {
            b.iter(|| search.improve(&problem, black_box(start)))
        });
    }
    group.finish();
}

/// Two independent starts (savings + local search + route elimination) on
/// one thread and on two: same result, less wall time with two.
fn bench_threads(c: &mut Criterion) {
    let mut group = c.benchmark_group("two_starts");
    group.sample_size(10);
    for (name, problem) in instances().into_iter().filter(|(_, p)| p.num_jobs() >= 900) {
        for threads in [1, 2] {
            let config = MultiStartConfig {
                starts: 2,
                threads,
                ..MultiStartConfig::default()
            };
            group.bench_with_input(
                BenchmarkId::new(&name, format!("{threads}_threads")),
                &config,
                |b, config| b.iter(|| improve_from_savings(&problem, config)),
            );
        }
    }
    group.finish();
}

criterion_group!(
    benches,
    bench_segment_merge,
    bench_sweep,
    bench_descent,
    bench_threads
);
criterion_main!(benches);
