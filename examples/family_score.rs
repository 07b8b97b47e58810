//! Scores `.sol` files of a PyVRP/Instances benchmark instance with the
//! library's own evaluator and checker, in the units the family publishes
//! its best-known costs in (see `lastmile::io::vrplib::Family`):
//!
//! ```text
//! cargo run --release --example family_score -- HFVRP/X101-FSMFD.vrp a.sol b.sol
//! a.sol feasible 3517024483
//! b.sol infeasible (2 violations: route 3: ...) 3498000000
//! ```
//!
//! The value is the family's objective in the library's internal units
//! (distance, or distance plus prizes not collected, at the family's
//! rounding), except for HFVRP, where it is PyVRP's objective under its
//! `exact` rounding (a tenth of the cost in cost units). The solutions are
//! never taken at their word: routes are re-scheduled and re-costed from
//! the problem data. `scripts/families.py` uses it for the side-by-side
//! figures.

use lastmile::io::read_sol;
use lastmile::io::vrplib::{parse_vrplib_instance, Family};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((instance, solutions)) = args.split_first() else {
        eprintln!("usage: family_score INSTANCE.vrp SOLUTION.sol...");
        return ExitCode::from(2);
    };
    let parsed = match std::fs::read_to_string(instance)
        .map_err(|e| e.to_string())
        .and_then(|text| parse_vrplib_instance(&text).map_err(|e| e.to_string()))
    {
        Ok(parsed) => parsed,
        Err(e) => {
            eprintln!("{instance}: {e}");
            return ExitCode::from(2);
        }
    };
    let family = parsed.family().unwrap_or(Family::Cvrp);
    let problem = match parsed.to_problem(parsed.default_rounding()) {
        Ok(problem) => problem,
        Err(e) => {
            eprintln!("{instance}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut status = ExitCode::SUCCESS;
    for path in solutions {
        let solution = read_sol(path)
            .map_err(|e| e.to_string())
            .and_then(|file| file.to_solution(&problem).map_err(|e| e.to_string()));
        match solution {
            Ok(solution) => {
                let report = lastmile::check(&problem, &solution);
                let value = family.objective().value(&problem, &solution);
                let value = if family == Family::Hfvrp {
                    value / 10
                } else {
                    value
                };
                let verdict = match report.violations.first() {
                    None => "feasible".to_string(),
                    Some(first) => format!(
                        "infeasible ({} violations: {first})",
                        report.violations.len()
                    ),
                };
                println!("{path} {verdict} {value}");
            }
            Err(e) => {
                println!("{path} unreadable ({e})");
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}
