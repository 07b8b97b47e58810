//! The whole solver for a fixed number of iterations (one thread) on C101,
//! R101 and RC101 when the benchmark data is found (`$LASTMILE_DATASETS`,
//! default `../shared/datasets`), otherwise on generated instances.

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use lastmile::generate::{GeneratorConfig, Layout};
use lastmile::{Problem, Solver};

fn instances() -> Vec<(String, Problem)> {
    let files = ["solomon/C101.txt", "solomon/R101.txt", "solomon/RC101.txt"];
    common::files_or_generated(
        &files,
        &[Layout::Clustered, Layout::Random, Layout::Mixed]
            .map(|l| GeneratorConfig::new(l, 100, 1)),
    )
}

fn bench_solver(c: &mut Criterion) {
    let mut group = c.benchmark_group("solver_5000_iterations");
    group.sample_size(10);
    for (name, problem) in instances() {
        group.bench_with_input(
            BenchmarkId::from_parameter(&name),
            &problem,
            |b, problem| b.iter(|| Solver::new().seed(1).iteration_limit(5_000).solve(problem)),
        );
    }
    group.finish();
}

criterion_group!(benches, bench_solver);
criterion_main!(benches);
