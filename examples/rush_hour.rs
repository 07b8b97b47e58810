//! Planning for the rush hours: a generated city day whose travel times are
//! slower from 08:00 to 09:30 and from 15:30 to 17:00. Two plans on the
//! same seeds, both driven under that traffic and judged by the checker:
//!
//! - `static`: made with one speed all day (the matrix times);
//! - `by hour`: made with the traffic by hour
//!   (`ProblemBuilder::traffic` / `Problem::with_traffic`).
//!
//! For each it prints the stops served, routes, km, stops served late,
//! the on-time share and the minutes late, and the solver's iterations per
//! second (how much the traffic costs the search).
//!
//! ```text
//! cargo run --release --example rush_hour -- --seeds 3
//! cargo run --release --example rush_hour -- --customers 1000 --vans 60 --seconds 20 --seeds 1
//! cargo run --release --example rush_hour -- --customers 1000 --vans 50 --seconds 30 --seeds 1 --breaks
//! ```
//!
//! Units: one distance unit is a kilometre and takes a minute to drive
//! outside the rush hours; times are minutes from 08:00.

use clap::Parser;
use lastmile::solution::Violation;
use lastmile::{check, JobSpec, Problem, ProblemBuilder, Rounding, Solution, Solver};
use lastmile::{SolveResult, VehicleTypeSpec};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A city day planned with and without its rush hours.
#[derive(Parser)]
struct Args {
    /// Number of seeds (days): 1, 2, ...
    #[arg(long, default_value_t = 3)]
    seeds: u64,
    /// Deliveries.
    #[arg(long, default_value_t = 300)]
    customers: usize,
    /// Vans.
    #[arg(long, default_value_t = 16)]
    vans: usize,
    /// Travel-time factor in the rush hours.
    #[arg(long, default_value_t = 1.6)]
    rush: f64,
    /// Solve each plan for this many seconds (one thread) instead of an
    /// iteration limit: the figures then include iterations per second.
    #[arg(long)]
    seconds: Option<f64>,
    /// Iterations per plan when no time is given (repeatable runs).
    #[arg(long, default_value_t = 20000)]
    iterations: u64,
    /// Drivers take a 30-minute lunch break starting 11:00-12:30 and at
    /// most 4.5 hours at the wheel without a 45-minute break.
    #[arg(long)]
    breaks: bool,
}

/// Length of the day (minutes).
const DAY: f64 = 600.0;

/// The city day: a depot, deliveries in clusters and scattered, each in a
/// one- or two-hour slot; vans working the whole day.
fn city(args: &Args, seed: u64) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut b = ProblemBuilder::new(Rounding::Round);
    b.name(format!("rush-{}-{seed}", args.customers));
    let depot = b.add_location(30.0, 30.0);
    let centres: Vec<(f64, f64)> = (0..5)
        .map(|_| (rng.random_range(8.0..52.0), rng.random_range(8.0..52.0)))
        .collect();
    for _ in 0..args.customers {
        let (x, y) = if rng.random::<f64>() < 0.6 {
            let (cx, cy) = centres[rng.random_range(0..centres.len())];
            let (dx, dy) = (rng.random_range(-6.0..6.0), rng.random_range(-6.0..6.0));
            ((cx + dx).clamp(0.0, 60.0), (cy + dy).clamp(0.0, 60.0))
        } else {
            (rng.random_range(0.0..60.0), rng.random_range(0.0..60.0))
        };
        let site = b.add_location(x, y);
        let length = if rng.random::<f64>() < 0.5 {
            60.0
        } else {
            120.0
        };
        let start = rng.random_range(0..((DAY - length) / 30.0) as usize) as f64 * 30.0;
        b.add_job(
            JobSpec::at(site)
                .demand(&[rng.random_range(1..4)])
                .time_window(start, start + length)
                .service(3.0),
        );
    }
    let vans = VehicleTypeSpec::new(depot, args.vans, &[60])
        .shift(0.0, DAY + 60.0)
        .costs(40.0, 0.3, 0.5);
    b.add_vehicle_type(if args.breaks {
        vans.break_window(180.0, 270.0, 30.0)
            .driving_break(270.0, 45.0)
    } else {
        vans
    });
    b.build().expect("the city is valid")
}

/// The rush hours: 08:00-09:30 and 15:30-17:00 at `factor`.
fn rush_hours(factor: f64) -> [(f64, f64); 4] {
    [(0.0, factor), (90.0, 1.0), (450.0, factor), (540.0, 1.0)]
}

/// What the checker finds when a plan is driven under the real traffic.
struct Driven {
    served: usize,
    routes: usize,
    km: f64,
    late_stops: usize,
    minutes_late: i64,
    late_returns: usize,
}

fn drive(real: &Problem, plan: &Solution) -> Driven {
    let driven = Solution::new(real, plan.to_routes(), plan.unassigned().to_vec())
        .expect("same jobs and fleet");
    let report = check(real, &driven);
    let mut late = (0, 0, 0);
    for violation in &report.violations {
        match violation {
            Violation::LateService {
                service_start,
                window_end,
                ..
            } => {
                late.0 += 1;
                late.1 += (*service_start - *window_end).get();
            }
            Violation::LateReturn { .. } => late.2 += 1,
            _ => {}
        }
    }
    Driven {
        served: driven.routes().iter().map(|r| r.stops.len()).sum(),
        routes: driven.routes().len(),
        km: real.to_instance_units(driven.cost().distance.get()),
        late_stops: late.0,
        minutes_late: late.1,
        late_returns: late.2,
    }
}

fn solve(args: &Args, problem: &Problem, seed: u64) -> SolveResult {
    let solver = Solver::new().seed(seed).threads(1);
    match args.seconds {
        Some(seconds) => solver.time_limit(std::time::Duration::from_secs_f64(seconds)),
        None => solver.iteration_limit(args.iterations),
    }
    .solve(problem)
}

fn main() {
    let args = Args::parse();
    println!(
        "{} deliveries, {} vans, rush factor {} (08:00-09:30, 15:30-17:00); plans by {}",
        args.customers,
        args.vans,
        args.rush,
        match args.seconds {
            Some(s) => format!("{s} s each, one thread"),
            None => format!("{} iterations each", args.iterations),
        }
    );
    println!(
        "{:>4} {:>8} {:>6} {:>6} {:>8} {:>10} {:>8} {:>12} {:>11} {:>8} left out",
        "seed",
        "plan",
        "served",
        "routes",
        "km",
        "late stops",
        "on time",
        "minutes late",
        "late return",
        "iter/s"
    );
    let mut rates = Vec::new();
    for seed in 1..=args.seeds {
        let free_flow = city(&args, seed);
        let real = free_flow
            .with_traffic(0, &rush_hours(args.rush))
            .expect("valid traffic");
        let mut rate = [0.0; 2];
        for (index, (name, planned_on)) in [("static", &free_flow), ("by hour", &real)]
            .into_iter()
            .enumerate()
        {
            let result = solve(&args, planned_on, seed);
            rate[index] = result.stats.iterations as f64 / result.stats.elapsed.as_secs_f64();
            let driven = drive(&real, &result.solution);
            let left_out: Vec<String> = result
                .solution
                .unassigned()
                .iter()
                .map(|u| format!("job {} ({:?})", u.job.0, u.reason))
                .collect();
            println!(
                "{seed:>4} {name:>8} {:>6} {:>6} {:>8.1} {:>10} {:>7.1}% {:>12} {:>11} {:>8.0} {}",
                driven.served,
                driven.routes,
                driven.km,
                driven.late_stops,
                100.0 * (1.0 - driven.late_stops as f64 / driven.served.max(1) as f64),
                driven.minutes_late,
                driven.late_returns,
                rate[index],
                left_out.join(", "),
            );
        }
        rates.push(rate[1] / rate[0]);
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "iterations per second, by hour / static: median {:.2} (min {:.2}, max {:.2})",
        rates[rates.len() / 2],
        rates[0],
        rates[rates.len() - 1]
    );
}
