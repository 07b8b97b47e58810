//! Fingerprints of the solver's behaviour: every instance of some folders
//! solved with a fixed seed and iteration limit, one line each (routes,
//! distance, and a hash of every route's job sequence). Two commits behave
//! identically exactly when their fingerprint files are equal, which is how
//! a refactoring shows it changed nothing.
//!
//! ```text
//! cargo run --release --example fingerprint -- [FOLDER ...] [--iterations N] [--seed S] [--vehicles] > before.txt
//! ```
//!
//! Without folders it fingerprints the shipped instance and, when the
//! benchmark data is present, the 56 Solomon instances.

use clap::Parser;
use lastmile::io::{benchmark_data_dir, read_instance};
use lastmile::{check, Objective, Solver};
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Fingerprint the solver on folders of instances.
#[derive(Parser)]
struct Args {
    /// Folders of Solomon `.txt` or VRPLIB `.vrp` files (default: the shipped
    /// instance and the Solomon set).
    folders: Vec<PathBuf>,
    /// Iterations per instance.
    #[arg(long, default_value_t = 2_000)]
    iterations: u64,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Minimise vehicles first (runs fleet minimisation) instead of distance.
    #[arg(long)]
    vehicles: bool,
}

/// FNV-1a over the route job sequences, route by route.
fn routes_hash(solution: &lastmile::Solution) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |value: u64| {
        for byte in value.to_le_bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for route in solution.routes() {
        eat(route.vehicle_type.0 as u64);
        for job in route.jobs() {
            eat(job.0 as u64);
        }
        eat(u64::MAX);
    }
    hash
}

fn instances(args: &Args) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let folders = if args.folders.is_empty() {
        files.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("datasets/LM-RC1-100-s1.txt"));
        let solomon = benchmark_data_dir().join("solomon");
        if solomon.is_dir() {
            vec![solomon]
        } else {
            Vec::new()
        }
    } else {
        args.folders.clone()
    };
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            eprintln!("error: cannot list {}", folder.display());
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "vrp"))
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut out = std::io::stdout().lock();
    let mut failed = false;
    for path in instances(&args) {
        let problem = match read_instance(&path, None) {
            Ok(problem) => problem,
            Err(error) => {
                eprintln!("error: {error}");
                failed = true;
                continue;
            }
        };
        let objective = if args.vehicles {
            Objective::VehiclesThenDistance
        } else {
            Objective::Distance
        };
        let result = Solver::new()
            .seed(args.seed)
            .objective(objective)
            .iteration_limit(args.iterations)
            .solve(&problem);
        let solution = &result.solution;
        let feasible = check(&problem, solution).is_feasible();
        failed |= !feasible;
        let _ = writeln!(
            out,
            "{} routes {} distance {} unassigned {} hash {:016x}{}",
            problem.name(),
            solution.cost().vehicles,
            solution.cost().distance.get(),
            solution.unassigned().len(),
            routes_hash(solution),
            if feasible { "" } else { " INFEASIBLE" }
        );
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
