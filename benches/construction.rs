//! Savings construction on 100- and 1000-customer instances.
//!
//! Always benchmarks generated instances (so the bench runs anywhere); also
//! R101 and X-n979-k58 when the benchmark data is found
//! (`$LASTMILE_DATASETS`, default `../shared/datasets`).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use lastmile::generate::{generate, GeneratorConfig, Layout};
use lastmile::io::{benchmark_data_dir, read_instance};
use lastmile::{savings, Problem, Rounding, SavingsConfig};
use std::hint::black_box;

fn instances() -> Vec<(String, Problem)> {
    let mut list = Vec::new();
    for customers in [100, 1000] {
        let config = GeneratorConfig::new(Layout::Mixed, customers, 1);
        let problem = generate(&config)
            .to_problem(Rounding::Dimacs)
            .expect("generated instance");
        list.push((config.name(), problem));
    }
    let data = benchmark_data_dir();
    for file in [
        "solomon/R101.txt",
        "cvrp-x/X-n979-k58.vrp",
        "cvrp-x/X-n936-k151.vrp",
    ] {
        match read_instance(data.join(file), None) {
            Ok(problem) => list.push((problem.name().to_string(), problem)),
            Err(e) => eprintln!("skipping {file}: {e}"),
        }
    }
    list
}

fn bench_savings(c: &mut Criterion) {
    let mut group = c.benchmark_group("savings");
    group.sample_size(20);
    for (name, problem) in instances() {
        group.bench_with_input(
            BenchmarkId::from_parameter(&name),
            &problem,
            |b, problem| b.iter(|| savings(black_box(problem), &SavingsConfig::default())),
        );
    }
    group.finish();
}

criterion_group!(benches, bench_savings);
criterion_main!(benches);
