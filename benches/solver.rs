//! The whole solver for a fixed number of iterations (one thread) on C101,
//! R101 and RC101 when the benchmark data is found (`$LASTMILE_DATASETS`,
//! default `../shared/datasets`), otherwise on generated instances.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use lastmile::generate::{generate, GeneratorConfig, Layout};
use lastmile::io::{benchmark_data_dir, read_instance};
use lastmile::{Problem, Rounding, Solver};

fn instances() -> Vec<(String, Problem)> {
    let data = benchmark_data_dir();
    let mut list: Vec<(String, Problem)> = ["C101", "R101", "RC101"]
        .iter()
        .filter_map(|name| read_instance(data.join(format!("solomon/{name}.txt")), None).ok())
        .map(|p| (p.name().to_string(), p))
        .collect();
    if list.is_empty() {
        eprintln!(
            "benchmark data not found under {}: using generated instances",
            data.display()
        );
        for layout in [Layout::Clustered, Layout::Random, Layout::Mixed] {
            let config = GeneratorConfig::new(layout, 100, 1);
            let problem = generate(&config)
                .to_problem(Rounding::Dimacs)
                .expect("generated");
            list.push((config.name(), problem));
        }
    }
    list
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
