//! The whole solver for a fixed number of iterations (one thread) on C101,
//! R101 and RC101 when the benchmark data is found (`$LASTMILE_DATASETS`,
//! default `../shared/datasets`), otherwise on generated instances; and
//! ruin-and-recreate iterations per second at 100, 1,000 and 10,000 jobs
//! (generated, from the savings start), whose cost should not grow with n.

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use lastmile::generate::{generate, GeneratorConfig, Layout};
use lastmile::search::annealing::{anneal, AnnealingConfig, Limits};
use lastmile::search::Neighbours;
use lastmile::{savings_with_neighbours, Deadline, Problem, Rounding, SavingsConfig, Solver};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

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

/// Iterations timed per sample.
const ITERATIONS: u64 = 2_000;

fn bench_iterations(c: &mut Criterion) {
    let mut group = c.benchmark_group("annealing_iterations");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ITERATIONS));
    for jobs in [100, 1_000, 10_000] {
        let problem = generate(&GeneratorConfig::new(Layout::Mixed, jobs, 1))
            .to_problem(Rounding::Dimacs)
            .expect("generated instances are valid");
        let neighbours = Neighbours::compute(&problem, 50, 1);
        let start = savings_with_neighbours(&problem, &SavingsConfig::default(), &neighbours);
        let limits = Limits {
            iterations: Some(ITERATIONS),
            ..Limits::default()
        };
        group.bench_with_input(BenchmarkId::from_parameter(jobs), &problem, |b, problem| {
            b.iter(|| {
                let mut rng = ChaCha8Rng::seed_from_u64(1);
                anneal(
                    problem,
                    &start,
                    neighbours.lists(),
                    &AnnealingConfig::default(),
                    &limits,
                    &Deadline::none(),
                    &mut rng,
                    |_| {},
                )
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_solver, bench_iterations);
criterion_main!(benches);
