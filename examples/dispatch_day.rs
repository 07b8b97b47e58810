//! A simulated delivery day: pre-booked deliveries planned at dawn, then
//! the day happens. Travel takes longer than planned in the rush hours and
//! varies from trip to trip, some customers are not at home, and same-day
//! orders (returns to collect) come in all day. Two ways to run the day,
//! on the same seeds:
//!
//! - `static`: the morning plan driven as it is; each new order inserted
//!   where it costs least (`ReplanConfig::insert_only`);
//! - `replan`: the rest of the day re-planned at every new order and every
//!   `--every` minutes in which a stop was made;
//! - `stable`: as `replan`, with a stability cost (`--stability` km per job
//!   moved to another van, and `--eta-stability` km per minute a stop is
//!   made later than promised).
//!
//! `--forecast` plans with the rush hours (traffic by hour); `later/rp` is
//! the minutes by which re-plans made customers' stops later than promised,
//! per re-plan.
//!
//! ```text
//! cargo run --release --example dispatch_day -- --seeds 3
//! ```
//!
//! Units: one distance unit is a kilometre and takes a minute to drive
//! outside the rush hours; times are minutes from 08:00.

use clap::Parser;
use lastmile::replan::{replan, Day, Event, JobStatus, Outcome, ReplanConfig, VehicleId};
use lastmile::units::Duration;
use lastmile::{JobId, JobSpec, LocationId, Problem, ProblemBuilder, Rounding, Solver};
use lastmile::{VehicleTypeId, VehicleTypeSpec};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::time::Instant;

/// Simulate a delivery day, static plan against re-planning.
#[derive(Parser)]
struct Args {
    /// Number of seeds (days) to simulate: 1, 2, ...
    #[arg(long, default_value_t = 3)]
    seeds: u64,
    /// Pre-booked deliveries.
    #[arg(long, default_value_t = 300)]
    customers: usize,
    /// Same-day orders (returns to collect) arriving during the day.
    #[arg(long, default_value_t = 60)]
    same_day: usize,
    /// Vans.
    #[arg(long, default_value_t = 14)]
    vans: usize,
    /// Probability that a customer is not at home.
    #[arg(long, default_value_t = 0.05)]
    absent: f64,
    /// Iterations for the morning plan (a limit keeps runs repeatable).
    #[arg(long, default_value_t = 20000)]
    morning_iterations: u64,
    /// Iterations per re-plan (an iteration limit keeps runs repeatable).
    #[arg(long, default_value_t = 3000)]
    replan_iterations: u64,
    /// Re-plan at most this often (minutes) when only stops were made.
    #[arg(long, default_value_t = 15)]
    every: i64,
    /// Stability cost of the third way (`stable`): km a re-plan must save
    /// to move a job to another van.
    #[arg(long, default_value_t = 10.0)]
    stability: f64,
    /// ETA stability cost of the third way (`stable`): km a re-plan must
    /// save per minute it makes a customer's stop later than promised.
    #[arg(long, default_value_t = 0.0)]
    eta_stability: f64,
    /// Van 0 breaks down at this minute.
    #[arg(long)]
    breakdown: Option<i64>,
    /// Plan (in the morning and at every re-plan) with the rush hours
    /// forecast: travel times by hour, 35% slower 08:00-09:30 and
    /// 15:30-17:00 (the noise stays unknown).
    #[arg(long)]
    forecast: bool,
}

/// The rush hours as the planner knows them with `--forecast`.
const RUSH_FORECAST: [(f64, f64); 4] = [(0.0, 1.35), (90.0, 1.0), (450.0, 1.35), (540.0, 1.0)];

/// Length of the day (minutes).
const DAY: i64 = 600;
/// Grams of CO2 per kilometre of a diesel van.
const CO2_PER_KM: f64 = 200.0;

/// The city: depot, pre-booked customers, and the places same-day orders
/// will come from (locations only: their jobs arrive later).
struct City {
    /// What the planner knows (the rush hours with `--forecast`).
    problem: Problem,
    /// The travel times outside the rush hours, which the day's draws
    /// scale.
    free_flow: Problem,
    /// Same-day orders: arrival minute, location, window, parcels.
    orders: Vec<(i64, LocationId, (f64, f64), i64)>,
}

fn city(args: &Args, seed: u64) -> City {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut b = ProblemBuilder::new(Rounding::Round);
    b.name(format!("city-{seed}"));
    let depot = b.add_location(30.0, 30.0);
    let centres: Vec<(f64, f64)> = (0..4)
        .map(|_| (rng.random_range(8.0..52.0), rng.random_range(8.0..52.0)))
        .collect();
    let point = |rng: &mut ChaCha8Rng| -> (f64, f64) {
        if rng.random::<f64>() < 0.6 {
            let (cx, cy) = centres[rng.random_range(0..centres.len())];
            let (dx, dy) = (rng.random_range(-6.0..6.0), rng.random_range(-6.0..6.0));
            ((cx + dx).clamp(0.0, 60.0), (cy + dy).clamp(0.0, 60.0))
        } else {
            (rng.random_range(0.0..60.0), rng.random_range(0.0..60.0))
        }
    };
    for _ in 0..args.customers {
        let (x, y) = point(&mut rng);
        let site = b.add_location(x, y);
        // Two-hour slots through the day.
        let slot = rng.random_range(0..4) as f64 * 120.0 + 60.0;
        let parcels = rng.random_range(1..4);
        b.add_job(
            JobSpec::at(site)
                .demand(&[parcels])
                .time_window(slot, slot + 120.0)
                .service(3.0),
        );
    }
    let mut orders = Vec::new();
    for _ in 0..args.same_day {
        let (x, y) = point(&mut rng);
        let site = b.add_location(x, y);
        let at = rng.random_range(30..420);
        let window = (at as f64 + 30.0, (at as f64 + 240.0).min(DAY as f64));
        orders.push((at, site, window, rng.random_range(1..3)));
    }
    orders.sort_by_key(|o| o.0);
    b.add_vehicle_type(
        VehicleTypeSpec::new(depot, args.vans, &[60])
            .shift(0.0, (DAY + 60) as f64)
            .costs(40.0, 0.3, 0.5)
            .co2_per_distance(CO2_PER_KM),
    );
    let free_flow = b.build().expect("the city is valid");
    City {
        problem: if args.forecast {
            free_flow
                .with_traffic(0, &RUSH_FORECAST)
                .expect("valid traffic")
        } else {
            free_flow.clone()
        },
        free_flow,
        orders,
    }
}

/// How much longer than planned a trip leaving at `t` takes: rush hours
/// (08:00-09:30, 15:30-17:00 as minutes from 08:00) and noise.
fn traffic(t: i64, rng: &mut ChaCha8Rng) -> f64 {
    let rush = if t < 90 || (450..540).contains(&t) {
        1.35
    } else {
        1.0
    };
    // Log-normal noise, sigma 0.15 (Box-Muller).
    let (u, v): (f64, f64) = (rng.random::<f64>().max(1e-12), rng.random());
    let normal = (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos();
    rush * (0.15 * normal).exp()
}

/// One van's trip in progress: the stop it is driving to or serving, and
/// when it will be done there.
#[derive(Clone, Copy)]
struct Trip {
    job: JobId,
    finish: i64,
    outcome: Outcome,
    on_time: bool,
    km: i64,
}

#[derive(Default)]
struct Tally {
    km: i64,
    served_deliveries: usize,
    served_pickups: usize,
    on_time: usize,
    failed: usize,
    route_minutes: i64,
    vans_used: usize,
    replans: usize,
    moved: usize,
    /// Minutes customers' stops moved later than promised, over all
    /// re-plans.
    eta_later: i64,
    latencies_ms: Vec<f64>,
    wasted_trips: usize,
    left_open: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum Strategy {
    Static,
    Replan,
    Stable,
}

fn simulate(args: &Args, seed: u64, strategy: Strategy, morning: &lastmile::Solution) -> Tally {
    let city = city(args, seed);
    let problem = &city.problem;
    let mut visits = vec![0u64; problem.num_jobs() + city.orders.len()];
    let solver = Solver::new()
        .iteration_limit(args.replan_iterations)
        .seed(seed)
        .threads(1);
    let config = ReplanConfig {
        insert_only: strategy == Strategy::Static,
        stability: if strategy == Strategy::Stable {
            args.stability
        } else {
            0.0
        },
        eta_stability: if strategy == Strategy::Stable {
            args.eta_stability
        } else {
            0.0
        },
        ..ReplanConfig::default()
    };
    let mut day = Day::start(problem, morning);
    let mut tally = Tally::default();
    let vans = day.vehicles().len();
    let mut trips: Vec<Option<Trip>> = vec![None; vans];
    let mut left_at: Vec<Option<i64>> = vec![None; vans];
    let mut orders = city.orders.iter().peekable();
    let mut last_replan = 0;
    let mut stops_since_replan = 0;
    let mut broken = false;
    let replan_now = |day: &mut Day, tally: &mut Tally| {
        let started = Instant::now();
        let plan = replan(day, &solver, &config);
        tally
            .latencies_ms
            .push(started.elapsed().as_secs_f64() * 1e3);
        tally.replans += 1;
        tally.moved += plan.moved.len();
        tally.eta_later += plan
            .eta_changes
            .iter()
            .map(|c| (c.after - c.before).get().max(0))
            .sum::<i64>();
        day.adopt(&plan);
    };

    loop {
        // Vans with nothing in progress start their next planned stop.
        for v in 0..vans {
            let state = &day.vehicles()[v];
            if trips[v].is_some() || !state.in_service {
                continue;
            }
            let Some(&(job, place)) = state.planned.first() else {
                continue;
            };
            let t = state.free_from.get().max(day.now().get());
            if !state.dispatched {
                left_at[v] = Some(t);
                day.apply(Event::Dispatched {
                    vehicle: VehicleId(v),
                    at: Duration(t.max(day.now().get())),
                })
                .expect("a van at the depot leaves");
            }
            let state = &day.vehicles()[v];
            let data = day.problem().job(job);
            let at = data.place(place);
            let planned = city
                .free_flow
                .travel_time_for(state.vehicle_type, state.location, at.location, Duration(t))
                .get();
            // The same draws for a job's n-th visit whatever the strategy,
            // so both ways meet the same day.
            let visit = visits[job.0];
            visits[job.0] += 1;
            let mut draws = ChaCha8Rng::seed_from_u64(seed ^ ((job.0 as u64) << 20) ^ visit);
            let drive = (planned as f64 * traffic(t, &mut draws)).round() as i64;
            let start = (t + drive).max(at.time_window.start.get());
            let delivers = data.demand.get(0) > 0;
            let absent = delivers && draws.random::<f64>() < args.absent;
            trips[v] = Some(Trip {
                job,
                finish: start + data.service.get(),
                outcome: if absent {
                    Outcome::Failed
                } else {
                    Outcome::Served
                },
                on_time: start <= at.time_window.end.get(),
                km: problem.distance(state.location, at.location).get(),
            });
        }

        // The next thing to happen: a van done at a stop, or an order.
        let next_trip = (0..vans)
            .filter_map(|v| trips[v].map(|t| (t.finish, v)))
            .min();
        let next_order = orders.peek().map(|o| o.0);
        // A van breaks down at the chosen minute: its parcels are lost for
        // the day, its returns to collect go to others.
        if let Some(minute) = args.breakdown {
            let next = next_trip.map(|t| t.0).into_iter().chain(next_order).min();
            if !broken && next.is_some_and(|t| t >= minute) {
                broken = true;
                trips[0] = None;
                day.apply(Event::OutOfService {
                    vehicle: VehicleId(0),
                    at: Duration(minute.max(day.now().get())),
                })
                .expect("van 0 is in service");
                replan_now(&mut day, &mut tally);
                last_replan = day.now().get();
                stops_since_replan = 0;
                continue;
            }
        }
        let tick = last_replan + args.every;
        match (next_trip, next_order) {
            (None, None) => break,
            (Some((finish, _)), Some(order)) if order < finish => {}
            (Some((finish, v)), _) => {
                if strategy != Strategy::Static && stops_since_replan > 0 && tick < finish {
                    replan_now(&mut day, &mut tally);
                    last_replan = tick.max(day.now().get());
                    stops_since_replan = 0;
                    continue;
                }
                let trip = trips[v].take().expect("a trip in progress");
                let event = Event::Visited {
                    vehicle: VehicleId(v),
                    job: trip.job,
                    outcome: trip.outcome,
                    at: Duration(finish),
                };
                if day.apply(event).is_err() {
                    // The plan moved the stop elsewhere while the van
                    // drove to it: the trip was in vain.
                    tally.wasted_trips += 1;
                    continue;
                }
                tally.km += trip.km;
                stops_since_replan += 1;
                match trip.outcome {
                    Outcome::Served if day.problem().job(trip.job).demand.get(0) > 0 => {
                        tally.served_deliveries += 1;
                        tally.on_time += usize::from(trip.on_time);
                    }
                    Outcome::Served => {
                        tally.served_pickups += 1;
                        tally.on_time += usize::from(trip.on_time);
                    }
                    Outcome::Failed => tally.failed += 1,
                }
                continue;
            }
            (None, Some(_)) => {}
        }
        // An order comes in.
        let &(at, site, window, parcels) = orders.next().expect("an order is next");
        let spec = JobSpec::at(site)
            .pickup(&[parcels])
            .time_window(window.0, window.1)
            .service(3.0);
        day.apply(Event::NewOrder {
            job: spec,
            at: Duration(at.max(day.now().get())),
        })
        .expect("orders are valid");
        replan_now(&mut day, &mut tally);
        last_replan = day.now().get();
        stops_since_replan = 0;
    }

    // Back to the depot.
    for (v, state) in day.vehicles().iter().enumerate() {
        if let Some(left) = left_at[v] {
            let depot = problem.vehicle_type(VehicleTypeId(0)).end_depot;
            let home = problem.distance(state.location, depot).get();
            tally.km += home;
            tally.route_minutes += state.free_from.get() + home - left;
            tally.vans_used += 1;
        }
    }
    tally.left_open = day
        .job_statuses()
        .iter()
        .filter(|s| **s == JobStatus::Open)
        .count();
    tally
}

fn percentile(values: &[f64], p: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let args = Args::parse();
    println!(
        "{:>4} {:>7} {:>9} {:>8} {:>9} {:>8} {:>7} {:>7} {:>9} {:>8} {:>8} {:>8} {:>8} {:>7} {:>5}",
        "seed",
        "way",
        "cost/del",
        "km/del",
        "del/rt-h",
        "on-time",
        "failed",
        "sameday",
        "CO2 g/pc",
        "lat p50",
        "lat p99",
        "moved/rp",
        "later/rp",
        "wasted",
        "open"
    );
    for seed in 1..=args.seeds {
        let city = city(&args, seed);
        let morning = Solver::new()
            .iteration_limit(args.morning_iterations)
            .seed(seed)
            .threads(1)
            .solve(&city.problem)
            .solution;
        for strategy in [Strategy::Static, Strategy::Replan, Strategy::Stable] {
            let t = simulate(&args, seed, strategy, &morning);
            let served = (t.served_deliveries + t.served_pickups).max(1) as f64;
            let cost = 40.0 * t.vans_used as f64 + 0.3 * t.km as f64 + 0.5 * t.route_minutes as f64;
            let parcels = t.served_deliveries.max(1) as f64;
            println!(
                "{:>4} {:>7} {:>9.2} {:>8.2} {:>9.2} {:>7.1}% {:>7} {:>4}/{:<3} {:>8.0} {:>6.1}ms {:>6.1}ms {:>8.2} {:>8.1} {:>7} {:>5}",
                seed,
                match strategy {
                    Strategy::Static => "static",
                    Strategy::Replan => "replan",
                    Strategy::Stable => "stable",
                },
                cost / served,
                t.km as f64 / served,
                served / (t.route_minutes as f64 / 60.0).max(1e-9),
                100.0 * t.on_time as f64 / served,
                t.failed,
                t.served_pickups,
                args.same_day,
                CO2_PER_KM * t.km as f64 / parcels,
                percentile(&t.latencies_ms, 0.5),
                percentile(&t.latencies_ms, 0.99),
                t.moved as f64 / t.replans.max(1) as f64,
                t.eta_later as f64 / t.replans.max(1) as f64,
                t.wasted_trips,
                t.left_open,
            );
        }
    }
}
