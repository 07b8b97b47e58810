//! Runs the solver on every instance of a folder and reports, per instance
//! and per family, routes, cost, best known, gap and time to best; writes a
//! CSV.
//!
//! ```text
//! cargo run --release --example benchmark -- [DIR] [--time S] [--threads N] [--objective distance|vehicles]
//!                                            [--parallel P] [--csv FILE]
//! ```
//!
//! DIR defaults to `$LASTMILE_DATASETS/solomon` (`../shared/datasets/solomon`).
//! Best-known costs come from `NAME.sol` beside each instance; for
//! `--objective vehicles` from `hierarchical-bks.csv` in DIR (vehicles, then
//! distance with exact arcs: instances are then read with precise rounding).
//! `--parallel P` solves P instances at once (each with `--threads`).

use clap::Parser;
use lastmile::io::{benchmark_data_dir, read_instance, read_sol};
use lastmile::{check, Objective, Rounding, Solver};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

/// `println!` that ignores a closed stdout (`| head`) instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
enum ObjectiveArg {
    Distance,
    Vehicles,
}

/// Benchmark lastmile on a folder of instances.
#[derive(Parser)]
struct Args {
    /// Folder of Solomon .txt or VRPLIB .vrp instances.
    dir: Option<PathBuf>,
    /// Time limit per instance, in seconds.
    #[arg(long, default_value_t = 5.0)]
    time: f64,
    /// Threads per instance.
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Instances solved at once.
    #[arg(long, default_value_t = 1)]
    parallel: usize,
    /// Objective.
    #[arg(long, value_enum, default_value = "distance")]
    objective: ObjectiveArg,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write the per-instance CSV.
    #[arg(long, default_value = "benchmark.csv")]
    csv: PathBuf,
}

struct Row {
    name: String,
    family: String,
    routes: usize,
    cost: f64,
    best_routes: Option<usize>,
    best_cost: Option<f64>,
    time_to_best: f64,
    iterations: u64,
    feasible: bool,
}

impl Row {
    fn gap(&self) -> Option<f64> {
        self.best_cost.map(|b| 100.0 * (self.cost - b) / b)
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<ExitCode, String> {
    if !(args.time.is_finite() && args.time > 0.0) {
        return Err(format!(
            "--time must be a positive number of seconds, got {}",
            args.time
        ));
    }
    let dir = args
        .dir
        .clone()
        .unwrap_or_else(|| benchmark_data_dir().join("solomon"));
    let mut instances: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| {
            format!(
                "cannot list {}: {e} (see datasets/README.md)",
                dir.display()
            )
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "vrp"))
        .collect();
    instances.sort();
    if instances.is_empty() {
        return Err(format!("no .txt or .vrp instances in {}", dir.display()));
    }
    let hierarchical = read_hierarchical(&dir.join("hierarchical-bks.csv"));
    let vehicles = args.objective == ObjectiveArg::Vehicles;
    say!(
        "{} instances from {}, {} s each, {} thread(s), objective {}",
        instances.len(),
        dir.display(),
        args.time,
        args.threads,
        if vehicles {
            "vehicles then distance"
        } else {
            "distance"
        }
    );
    say!(
        "{:<14} {:>6} {:>12} {:>6} {:>12} {:>8} {:>8}",
        "instance",
        "routes",
        "cost",
        "best",
        "best cost",
        "gap %",
        "ttb s"
    );

    let next = Mutex::new(0usize);
    let rows = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..args.parallel.max(1) {
            scope.spawn(|| loop {
                let index = {
                    let mut next = next.lock().unwrap();
                    *next += 1;
                    *next - 1
                };
                let Some(path) = instances.get(index) else {
                    return;
                };
                match solve_one(path, args, vehicles, &hierarchical) {
                    Ok(row) => {
                        print_row(&row);
                        rows.lock().unwrap().push(row);
                    }
                    Err(e) => errors.lock().unwrap().push(e),
                }
            });
        }
    });
    let mut rows = rows.into_inner().unwrap();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    for e in errors.into_inner().unwrap() {
        eprintln!("error: {e}");
    }

    summarise(&rows, vehicles);
    std::fs::write(&args.csv, to_csv(&rows))
        .map_err(|e| format!("cannot write {}: {e}", args.csv.display()))?;
    say!("csv written to {}", args.csv.display());
    Ok(if rows.iter().all(|r| r.feasible) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn solve_one(
    path: &Path,
    args: &Args,
    vehicles: bool,
    hierarchical: &HashMap<String, (usize, f64)>,
) -> Result<Row, String> {
    let rounding = vehicles.then_some(Rounding::Precise);
    let problem = read_instance(path, rounding).map_err(|e| e.to_string())?;
    let name = path
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    let result = Solver::new()
        .time_limit(Duration::from_secs_f64(args.time))
        .threads(args.threads)
        .seed(args.seed)
        .objective(if vehicles {
            Objective::VehiclesThenDistance
        } else {
            Objective::Distance
        })
        .solve(&problem);
    let feasible =
        check(&problem, &result.solution).is_feasible() && result.solution.unassigned().is_empty();
    let (best_routes, best_cost) = if vehicles {
        match hierarchical.get(&name) {
            Some(&(v, d)) => (Some(v), Some(d)),
            None => (None, None),
        }
    } else {
        match read_sol(path.with_extension("sol")) {
            Ok(sol) => (Some(sol.routes.len()), sol.cost),
            Err(_) => (None, None),
        }
    };
    let digits = name
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(name.len());
    Ok(Row {
        family: name[..(digits + 1).min(name.len())].to_string(),
        name,
        routes: result.solution.cost().vehicles,
        cost: problem.to_instance_units(result.solution.cost().distance.get()),
        best_routes,
        best_cost,
        time_to_best: result.stats.time_to_best.as_secs_f64(),
        iterations: result.stats.iterations,
        feasible,
    })
}

fn print_row(row: &Row) {
    let opt = |v: Option<f64>, d: usize| v.map_or("-".to_string(), |v| fixed(v, d));
    say!(
        "{:<14} {:>6} {:>12.2} {:>6} {:>12} {:>8} {:>8.2}{}",
        row.name,
        row.routes,
        row.cost,
        row.best_routes.map_or("-".into(), |v| v.to_string()),
        opt(row.best_cost, 2),
        opt(row.gap(), 2),
        row.time_to_best,
        if row.feasible { "" } else { "  INFEASIBLE" }
    );
}

/// The gap that counts in a summary: with the vehicles objective only where
/// the vehicle count matches the best known (otherwise distances compare
/// plans of different fleets).
fn comparable_gap(row: &Row, vehicles: bool) -> Option<f64> {
    if vehicles && row.best_routes.is_some_and(|b| b != row.routes) {
        return None;
    }
    row.gap()
}

fn summarise(rows: &[Row], vehicles: bool) {
    let mut families: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for row in rows {
        families.entry(&row.family).or_default().push(row);
    }
    families.insert("all", rows.iter().collect());
    say!(
        "\n{:<6} {:>4} {:>10} {:>8} {:>8} {:>9} {:>10}",
        "family",
        "n",
        "mean gap",
        "optimal",
        "worst",
        "vehicles",
        "best veh."
    );
    for (family, rows) in &families {
        let gaps: Vec<f64> = rows
            .iter()
            .filter_map(|r| comparable_gap(r, vehicles))
            .collect();
        let (mean, worst) = if gaps.is_empty() {
            ("n/a".to_string(), "n/a".to_string())
        } else {
            let mean = gaps.iter().sum::<f64>() / gaps.len() as f64;
            let worst = gaps.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            (percent(mean, 3), percent(worst, 2))
        };
        let optimal = gaps.iter().filter(|&&g| g < 0.005).count();
        let vehicles_used: usize = rows.iter().map(|r| r.routes).sum();
        let best_vehicles: usize = rows.iter().filter_map(|r| r.best_routes).sum();
        say!(
            "{:<6} {:>4} {:>10} {:>8} {:>8} {:>9} {:>10}",
            family,
            rows.len(),
            mean,
            optimal,
            worst,
            vehicles_used,
            best_vehicles
        );
    }
    let infeasible = rows.iter().filter(|r| !r.feasible).count();
    say!(
        "checker: {} of {} solutions feasible{}",
        rows.len() - infeasible,
        rows.len(),
        if vehicles {
            " (gaps: distance, exact arcs)"
        } else {
            ""
        }
    );
}

/// `value` with `decimals` decimals, never "-0.00".
fn fixed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.trim_start_matches(['-', '0', '.']).is_empty() {
        text.trim_start_matches('-').to_string()
    } else {
        text
    }
}

/// `value` with `decimals` decimals and a percent sign, never "-0.00%".
fn percent(value: f64, decimals: usize) -> String {
    format!("{}%", fixed(value, decimals))
}

fn to_csv(rows: &[Row]) -> String {
    let mut out = String::from("instance,family,routes,cost,best_routes,best_cost,gap_percent,time_to_best_s,iterations,feasible\n");
    for r in rows {
        let _ = writeln!(
            out,
            "{},{},{},{:.3},{},{},{},{:.3},{},{}",
            r.name,
            r.family,
            r.routes,
            r.cost,
            r.best_routes.map_or(String::new(), |v| v.to_string()),
            r.best_cost.map_or(String::new(), |v| v.to_string()),
            r.gap().map_or(String::new(), |v| format!("{v:.4}")),
            r.time_to_best,
            r.iterations,
            r.feasible
        );
    }
    out
}

/// `instance,vehicles,distance` rows; missing or malformed files give none.
fn read_hierarchical(path: &Path) -> HashMap<String, (usize, f64)> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashMap::new();
    };
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.split(',');
            let name = fields.next()?.trim().to_string();
            let vehicles = fields.next()?.trim().parse().ok()?;
            let distance = fields.next()?.trim().parse().ok()?;
            Some((name, (vehicles, distance)))
        })
        .collect()
}
