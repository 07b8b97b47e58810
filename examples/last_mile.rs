//! A generated city day, planned by cost: parcels from two micro-fulfilment
//! centres, vans and cargo bikes, customer-chosen delivery slots (some with
//! a second slot), parcel lockers as alternative drop-off points, chilled
//! parcels only fridge vans may carry, returns collected from customers and
//! brought back to the depot (the load on board must fit all along the
//! route), and optional sample drops that are left out when they do not
//! pay. Traffic by hour: the morning and evening rush slow every trip;
//! customers with a slot accept up to 15 minutes late at €0.20 a minute
//! (soft windows); a cargo bike makes at most 30 stops; vans pay overtime
//! past 8 hours. Drivers take a 30-minute lunch break starting between
//! 12:00 and 13:30, and van drivers at most 4.5 hours at the wheel
//! without a 45-minute break (the EU rule). Prints a route sheet with
//! arrival times (marked in the rush, and when late) and breaks, and the
//! KPI table.
//!
//! ```text
//! cargo run --release --example last_mile -- [--parcels N] [--time SECONDS] [--seed N] [--sheet-stops N] [--problem-out day.json]
//! ```
//!
//! Units: kilometres, minutes from midnight, kilograms and litres, euros.
//! The city is 16 km across; vans take 3 minutes per km door to door
//! (parking included), cargo bikes 15% less (they beat traffic and park at
//! the door).

use clap::Parser;
use lastmile::{
    check, kpis, JobSpec, Objective, ProblemBuilder, Rounding, Solver, VehicleTypeSpec,
};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::process::ExitCode;

/// `println!` that ignores a closed stdout (`| head`) instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Plan a generated last-mile day.
#[derive(Parser)]
struct Args {
    /// Parcels to deliver.
    #[arg(long, default_value_t = 300)]
    parcels: usize,
    /// Time limit in seconds.
    #[arg(long, default_value_t = 5.0)]
    time: f64,
    /// Seed of the generated day (and of the solver).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Stops printed per route on the sheet (the rest is summarised).
    #[arg(long, default_value_t = 6)]
    sheet_stops: usize,
    /// Also write the day's problem here as lastmile JSON (for the
    /// `lastmile` command line: `lastmile solve FILE --report day.html`).
    #[arg(long)]
    problem_out: Option<std::path::PathBuf>,
}

/// Minutes from midnight of the two-hour delivery slots offered.
const SLOTS: [(f64, f64); 5] = [
    (480.0, 600.0),
    (600.0, 720.0),
    (720.0, 840.0),
    (840.0, 960.0),
    (960.0, 1080.0),
];

/// Minutes per kilometre (20 km/h door to door).
const MINUTES_PER_KM: f64 = 3.0;

/// The rush hours (minutes from midnight, factor on travel times):
/// 07:30-09:30 and 16:30-18:30.
const RUSH: [(f64, f64); 4] = [(450.0, 1.5), (570.0, 1.0), (990.0, 1.6), (1110.0, 1.0)];

struct Fleet {
    names: Vec<&'static str>,
}

fn build_day(args: &Args) -> Result<(lastmile::Problem, Fleet), lastmile::ModelError> {
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
    let mut b = ProblemBuilder::new(Rounding::Precise);
    b.name(format!("city-day-{}", args.seed));
    let mut points = Vec::new();
    let mut add = |x: f64, y: f64| {
        points.push((x, y));
        b.add_location(x, y)
    };
    let north_west = add(4.0, 12.0);
    let south_east = add(12.0, 4.0);
    let lockers = [add(8.0, 8.0), add(3.0, 4.0), add(13.0, 13.0)];
    let lockers_at = [(8.0, 8.0), (3.0, 4.0), (13.0, 13.0)];
    let mut jobs = Vec::new();

    for parcel in 0..args.parcels {
        // Denser towards the centre: the mean of two uniform draws.
        let x = (rng.random_range(0.0..16.0) + rng.random_range(0.0..16.0)) / 2.0;
        let y = (rng.random_range(0.0..16.0) + rng.random_range(0.0..16.0)) / 2.0;
        let home = add(x, y);
        let kg = rng.random_range(1..=15);
        let litres = rng.random_range(2..=60);
        // About one stop in twelve collects a return instead of delivering.
        let is_return = rng.random_bool(0.08);
        let mut job = if is_return {
            JobSpec::at(home).pickup(&[kg, litres]).service(4.0)
        } else {
            JobSpec::at(home).demand(&[kg, litres]).service(3.0)
        };
        let draw: f64 = rng.random();
        if draw < 0.6 {
            let first = SLOTS[rng.random_range(0..SLOTS.len())];
            job = if rng.random_bool(0.3) {
                let second = SLOTS[rng.random_range(0..SLOTS.len())];
                job.time_windows(&[first, second])
            } else {
                job.time_window(first.0, first.1)
            };
            // Up to 15 minutes late, at €0.20 a minute.
            job = job.lateness(15.0, 0.20);
        }
        if !is_return && rng.random_bool(0.15) {
            // The nearest locker takes the parcel any time of day.
            let distance = |i: usize| (lockers_at[i].0 - x).hypot(lockers_at[i].1 - y);
            let nearest = (0..lockers.len())
                .min_by(|&a, &b| distance(a).total_cmp(&distance(b)))
                .expect("three lockers");
            job = job.alternative(lockers[nearest], None);
        }
        if parcel % 100 == 7 {
            job = job.skills(&["fridge"]);
        }
        if parcel % 40 == 13 {
            // A sample drop for marketing: worth 1.50 if it fits the plan.
            job = JobSpec::at(home).demand(&[1, 2]).service(2.0).optional(1.5);
        }
        jobs.push(job);
    }
    for job in jobs {
        b.add_job(job);
    }

    let shift = (480.0, 1110.0);
    let mut names = Vec::new();
    for (depot, area) in [(north_west, "NW"), (south_east, "SE")] {
        b.add_vehicle_type(
            VehicleTypeSpec::new(depot, 6, &[700, 3000])
                .shift(shift.0, shift.1)
                .costs(45.0, 0.35, 0.45)
                .overtime(480.0, 0.30)
                .break_window(720.0, 810.0, 30.0)
                .driving_break(270.0, 45.0)
                .co2_per_distance(190.0),
        );
        names.push(if area == "NW" { "van NW" } else { "van SE" });
        b.add_vehicle_type(
            VehicleTypeSpec::new(depot, 8, &[120, 400])
                .shift(shift.0, shift.1)
                .costs(15.0, 0.02, 0.40)
                .max_distance(45.0)
                .max_stops(30)
                .break_window(720.0, 810.0, 30.0)
                .speed_factor(0.85)
                .co2_per_distance(0.0),
        );
        names.push(if area == "NW" { "bike NW" } else { "bike SE" });
    }
    b.add_vehicle_type(
        VehicleTypeSpec::new(north_west, 1, &[600, 2500])
            .shift(shift.0, shift.1)
            .costs(60.0, 0.40, 0.45)
            .skills(&["fridge"])
            .co2_per_distance(230.0),
    );
    names.push("fridge van NW");

    // Travel times from the straight-line distances.
    let rows: Vec<Vec<i64>> = points
        .iter()
        .map(|&(x1, y1)| {
            points
                .iter()
                .map(|&(x2, y2)| {
                    ((x1 - x2).hypot(y1 - y2) * MINUTES_PER_KM * 1000.0).round() as i64
                })
                .collect()
        })
        .collect();
    b.duration_matrix(rows);
    b.traffic(0, &RUSH);
    Ok((b.build()?, Fleet { names }))
}

fn clock(problem: &lastmile::Problem, internal: i64) -> String {
    let minutes = problem.to_instance_units(internal).round() as i64;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn main() -> ExitCode {
    let args = Args::parse();
    let (problem, fleet) = match build_day(&args) {
        Ok(day) => day,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(path) = &args.problem_out {
        if let Err(e) = lastmile::io::json::write_problem_json(path, &problem) {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    say!(
        "{}: {} parcels, {} vehicles in {} types, solving by cost for {} s",
        problem.name(),
        problem.num_jobs(),
        problem.fleet_size(),
        problem.vehicle_types().len(),
        args.time
    );
    let result = Solver::new()
        .objective(Objective::Cost)
        .time_limit(std::time::Duration::from_secs_f64(args.time))
        .seed(args.seed)
        .solve(&problem);
    let solution = &result.solution;
    let report = check(&problem, solution);
    if !report.is_feasible() {
        eprintln!(
            "checker: {} violations: {:?}",
            report.violations.len(),
            report.violations
        );
        return ExitCode::FAILURE;
    }
    let figures = kpis(&problem, solution);

    say!("\nRoute sheet");
    for (index, route) in solution.routes().iter().enumerate() {
        let k = &figures.routes[index];
        say!(
            "\n#{:<2} {:<14} leaves {}  back {}  {} stops  {:.1} km  {:.0}% kg / {:.0}% litres  €{:.2}",
            index + 1,
            fleet.names[route.vehicle_type.0],
            clock(&problem, route.depot_departure.get()),
            clock(&problem, route.depot_arrival.get()),
            k.deliveries,
            k.distance,
            100.0 * k.load_factor[0],
            100.0 * k.load_factor.get(1).copied().unwrap_or(0.0),
            k.cost,
        );
        let rules = &problem.vehicle_type(route.vehicle_type).breaks;
        let breaks_after = |served: usize| {
            for pause in route.breaks.iter().filter(|b| b.after == served) {
                let kind = match rules[pause.rule] {
                    lastmile::BreakRule::Window { .. } => "lunch break",
                    lastmile::BreakRule::Driving { .. } => "driving break",
                };
                say!(
                    "    {}       {} until {}",
                    clock(&problem, pause.start.get()),
                    kind,
                    clock(&problem, pause.end.get()),
                );
            }
        };
        for (served, stop) in route.stops.iter().take(args.sheet_stops).enumerate() {
            breaks_after(served);
            let job = problem.job(stop.job);
            // The customer's slot (without the lateness accepted).
            let window = lastmile::TimeWindow {
                end: job.due(stop.place),
                ..job.place(stop.place).time_window
            };
            let late = job.late_by(stop.place, stop.service_start);
            let rush = problem.traffic(0).factor_at(stop.arrival.get()) > 1.0;
            let slot = if window.end.get() >= lastmile::Duration::UNBOUNDED.get() / 2 {
                "any time   ".to_string()
            } else {
                format!(
                    "{}-{}",
                    clock(&problem, window.start.get()),
                    clock(&problem, window.end.get())
                )
            };
            let place = match stop.place {
                0 => "home",
                _ if job.location != stop.location => "locker",
                _ => "2nd slot",
            };
            say!(
                "    {}{} parcel {:>4}  {:<8} slot {}  {:>3} kg on board  {}{}",
                clock(&problem, stop.arrival.get()),
                if rush { " rush" } else { "     " },
                stop.job.0,
                place,
                slot,
                stop.load.get(0),
                if job.is_optional() {
                    "(sample)"
                } else if job.pickup != lastmile::units::Load::ZERO {
                    "(return)"
                } else {
                    ""
                },
                if late.get() > 0 {
                    format!(
                        " late {:.0} min",
                        problem.to_instance_units(late.get()).ceil()
                    )
                } else {
                    String::new()
                }
            );
        }
        if route.stops.len() > args.sheet_stops {
            say!(
                "    ... {} more stops",
                route.stops.len() - args.sheet_stops
            );
        } else {
            breaks_after(route.stops.len());
        }
    }

    let lockers = solution
        .routes()
        .iter()
        .flat_map(|r| &r.stops)
        .filter(|s| problem.job(s.job).location != s.location)
        .count();
    let second_slots = solution
        .routes()
        .iter()
        .flat_map(|r| &r.stops)
        .filter(|s| s.place > 0 && problem.job(s.job).location == s.location)
        .count();
    say!("\nKPIs");
    say!("  vehicles used          {}", figures.vehicles_used);
    say!(
        "  stops served           {} ({} returns collected)",
        figures.deliveries,
        figures.pickups
    );
    say!("  left out               {}", figures.unassigned);
    for u in solution.unassigned() {
        say!("    parcel {:>4}: {}", u.job.0, u.reason);
    }
    say!("  to lockers             {lockers}");
    say!("  in a second slot       {second_slots}");
    say!("  cost                   €{:.2}", figures.cost);
    say!("  cost per delivery      €{:.2}", figures.cost_per_delivery);
    say!("  distance               {:.1} km", figures.distance);
    say!("  driving + service time {:.0} min", figures.duration);
    say!(
        "  deliveries per route   {:.1}",
        figures.deliveries_per_route
    );
    say!(
        "  km per delivery        {:.2}",
        figures.distance_per_delivery
    );
    say!(
        "  peak load factor       {:.0}% kg, {:.0}% litres",
        100.0 * figures.load_factor[0],
        100.0 * figures.load_factor[1]
    );
    say!(
        "  on time (first choice) {:.1}%",
        100.0 * figures.on_time_share
    );
    say!(
        "  served late            {} stops, {:.0} min in all",
        figures.late_stops,
        figures.lateness
    );
    say!(
        "  CO2                    {:.1} kg",
        figures.co2_grams / 1000.0
    );
    say!("  CO2 per parcel         {:.0} g", figures.co2_per_delivery);
    say!(
        "  solver                 {} iterations, best after {:.1} s, checker: feasible",
        result.stats.iterations,
        result.stats.time_to_best.as_secs_f64()
    );
    let mandatory_out = solution.mandatory_unassigned(&problem);
    if mandatory_out > 0 {
        eprintln!("error: {mandatory_out} mandatory parcel(s) are not delivered (reasons above)");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
