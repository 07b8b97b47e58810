//! Re-planning a day in progress: 1,000 deliveries on 50 vans (planned
//! with a fixed number of iterations), driven as planned to minute 300,
//! then one new order. Times the parts a dispatcher waits for: a re-plan
//! that only inserts (reduction, warm start, read-back) and one with 500
//! iterations of search.

use criterion::{criterion_group, criterion_main, Criterion};
use lastmile::replan::{replan, Day, Event, ReplanConfig};
use lastmile::units::Duration;
use lastmile::{JobSpec, ProblemBuilder, Rounding, Solver, VehicleTypeSpec};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn mid_day() -> Day {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(50.0, 50.0);
    for _ in 0..1000 {
        let site = b.add_location(rng.random_range(0.0..100.0), rng.random_range(0.0..100.0));
        let slot = rng.random_range(0..4) as f64 * 120.0 + 60.0;
        b.add_job(
            JobSpec::at(site)
                .demand(&[rng.random_range(1..4)])
                .time_window(slot, slot + 120.0)
                .service(2.0),
        );
    }
    let extra = b.add_location(20.0, 80.0);
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 50, &[45]).shift(0.0, 720.0));
    let problem = b.build().expect("valid");
    let morning = Solver::new()
        .iteration_limit(2_000)
        .seed(1)
        .threads(1)
        .solve(&problem)
        .solution;
    let mut day = Day::start(&problem, &morning);
    day.advance_as_planned(Duration(300))
        .expect("driven as planned");
    let order = JobSpec::at(extra).pickup(&[1]).time_window(330.0, 600.0);
    let at = day.now().max(Duration(300));
    day.apply(Event::NewOrder { job: order, at })
        .expect("a valid order");
    day
}

fn bench_replan(c: &mut Criterion) {
    let day = mid_day();
    let solver = Solver::new().seed(1).threads(1);
    let mut group = c.benchmark_group("replan_1000_stops");
    group.sample_size(20);
    let insert = ReplanConfig {
        insert_only: true,
        ..ReplanConfig::default()
    };
    group.bench_function("insert_only", |b| b.iter(|| replan(&day, &solver, &insert)));
    let searching = solver.clone().iteration_limit(500);
    let config = ReplanConfig::default();
    group.bench_function("500_iterations", |b| {
        b.iter(|| replan(&day, &searching, &config))
    });
    group.finish();
}

criterion_group!(benches, bench_replan);
criterion_main!(benches);
