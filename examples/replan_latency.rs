//! How fast a day in progress is re-planned at city scale: a morning plan
//! for `--stops` deliveries on `--vans` vans, the day driven to the point
//! where about half the stops are left (on time, as planned), then one new
//! order. Prints the latency of re-plans with short time limits (each
//! checked against the state by `check_plan`), and the distance of a
//! 1-second re-plan against a long solve of the same remaining day from
//! scratch.
//!
//! ```text
//! cargo run --release --example replan_latency -- --stops 2000 --vans 100
//! ```

use clap::Parser;
use lastmile::replan::{check_plan, replan, Day, DayPlan, Event, ReplanConfig};
use lastmile::units::Duration;
use lastmile::{JobSpec, LocationId, Problem, ProblemBuilder, Rounding, Solver, VehicleTypeSpec};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::time::Instant;

/// Measure re-planning latency and quality at city scale.
#[derive(Parser)]
struct Args {
    /// Deliveries in the day.
    #[arg(long, default_value_t = 2000)]
    stops: usize,
    /// Vans.
    #[arg(long, default_value_t = 100)]
    vans: usize,
    /// Seconds for the morning plan.
    #[arg(long, default_value_t = 30.0)]
    morning_seconds: f64,
    /// Seconds for the solve from scratch of the remaining day.
    #[arg(long, default_value_t = 30.0)]
    scratch_seconds: f64,
    /// Latency runs per time limit.
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

const DAY: f64 = 600.0;

fn city(args: &Args) -> (Problem, LocationId) {
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(50.0, 50.0);
    for _ in 0..args.stops {
        let site = b.add_location(rng.random_range(0.0..100.0), rng.random_range(0.0..100.0));
        let slot = rng.random_range(0..4) as f64 * 120.0 + 60.0;
        b.add_job(
            JobSpec::at(site)
                .demand(&[rng.random_range(1..4)])
                .time_window(slot, slot + 120.0)
                .service(2.0),
        );
    }
    let extra = b.add_location(rng.random_range(0.0..100.0), rng.random_range(0.0..100.0));
    b.add_vehicle_type(VehicleTypeSpec::new(depot, args.vans, &[45]).shift(0.0, DAY + 120.0));
    (b.build().expect("valid"), extra)
}

fn main() {
    let args = Args::parse();
    let (problem, extra) = city(&args);
    let started = Instant::now();
    let morning = Solver::new()
        .time_limit(std::time::Duration::from_secs_f64(args.morning_seconds))
        .seed(args.seed)
        .solve(&problem)
        .solution;
    println!(
        "morning plan: {} stops, {} routes, distance {}, {} unassigned ({:.1} s)",
        problem.num_jobs(),
        morning.routes().len(),
        morning.cost().distance.get(),
        morning.unassigned().len(),
        started.elapsed().as_secs_f64()
    );

    // Drive the day as planned until about half the stops are done: each
    // van serves the stops that start before noon (minute 300).
    let mut day = Day::start(&problem, &morning);
    let noon = 300;
    day.advance_as_planned(Duration(noon))
        .expect("the plan is driven as planned");
    let open = day
        .job_statuses()
        .iter()
        .filter(|s| **s == lastmile::replan::JobStatus::Open)
        .count();
    let order = JobSpec::at(extra)
        .pickup(&[1])
        .time_window(noon as f64 + 30.0, DAY)
        .service(2.0);
    day.apply(Event::NewOrder {
        job: order,
        at: day.now().max(Duration(noon)),
    })
    .expect("a valid order");
    println!(
        "mid-day (minute {noon}): {open} open stops and one new order, {} vans",
        day.vehicles().len()
    );

    let config = ReplanConfig::default();
    let distance = |plan: &DayPlan| -> i64 {
        // Distance of the rest of the day: from each van's position through
        // its stops and back.
        let problem = day.problem();
        let mut total = 0;
        for vehicle in &plan.vehicles {
            let state = day.vehicle(vehicle.vehicle);
            let mut here = state.location;
            let mut any = false;
            for stop in vehicle.stops() {
                let to = problem.job(stop.job).place(stop.place).location;
                total += problem.distance(here, to).get();
                here = to;
                any = true;
            }
            if any {
                let depot = problem.vehicle_type(state.vehicle_type).end_depot;
                total += problem.distance(here, depot).get();
            }
        }
        total
    };
    println!(
        "{:>10} {:>9} {:>9} {:>9} {:>10} {:>10} {:>6}",
        "limit", "p50 ms", "max ms", "clean", "distance", "unassigned", "moved"
    );
    for limit_ms in [100u64, 200, 1000] {
        let mut latencies = Vec::new();
        let mut last = None;
        let mut clean = 0;
        for run in 0..args.runs {
            let solver = Solver::new()
                .time_limit(std::time::Duration::from_millis(limit_ms))
                .seed(args.seed + run as u64)
                .threads(1);
            let started = Instant::now();
            let plan = replan(&day, &solver, &config);
            latencies.push(started.elapsed().as_secs_f64() * 1e3);
            clean += usize::from(check_plan(&day, &config, &plan).is_empty());
            last = Some(plan);
        }
        latencies.sort_by(f64::total_cmp);
        let plan = last.expect("at least one run");
        println!(
            "{:>8}ms {:>9.1} {:>9.1} {:>6}/{:<2} {:>10} {:>10} {:>6}",
            limit_ms,
            latencies[latencies.len() / 2],
            latencies[latencies.len() - 1],
            clean,
            args.runs,
            distance(&plan),
            plan.unassigned.len(),
            plan.moved.len()
        );
        for u in &plan.unassigned {
            println!("           left out: job {} ({})", u.job.0, u.reason);
        }
    }

    // The same remaining day solved from scratch (no warm start).
    let scratch = ReplanConfig {
        warm_start: false,
        ..ReplanConfig::default()
    };
    let solver = Solver::new()
        .time_limit(std::time::Duration::from_secs_f64(args.scratch_seconds))
        .seed(args.seed)
        .threads(1);
    let started = Instant::now();
    let plan = replan(&day, &solver, &scratch);
    println!(
        "from scratch, {:.0} s: distance {}, {} unassigned, clean {} ({:.1} s)",
        args.scratch_seconds,
        distance(&plan),
        plan.unassigned.len(),
        check_plan(&day, &scratch, &plan).is_empty(),
        started.elapsed().as_secs_f64()
    );
}
