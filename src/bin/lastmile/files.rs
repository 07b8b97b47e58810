//! Reading problems and plans in the formats the command line accepts, and
//! writing plans and key figures.

use clap::ValueEnum;
use lastmile::io::json::{problem_from_json, solution_from_json, solution_to_json};
use lastmile::io::vroom::{
    is_vroom_problem, vroom_problem_from_json, vroom_solution_from_json, vroom_solution_to_json,
    VroomProblem,
};
use lastmile::io::{parse_instance, sol::SolFile};
use lastmile::{Kpis, LocationId, Problem, Solution};
use std::path::Path;

/// A problem file's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Told by the extension (`.json`) and the content (Solomon, VRPLIB,
    /// lastmile's JSON with its `schema`, VROOM's JSON without one).
    Auto,
    /// lastmile's JSON problem.
    Json,
    /// Solomon / Gehring–Homberger text.
    Solomon,
    /// VRPLIB `.vrp`.
    Vrplib,
    /// VROOM's JSON problem (jobs, vehicles, matrices).
    Vroom,
}

/// A problem as read, with the VROOM file's identifiers when it came from
/// one (plans are then read and written in VROOM's solution format).
pub struct Input {
    /// The problem.
    pub problem: Problem,
    /// The VROOM problem, for VROOM input.
    pub vroom: Option<VroomProblem>,
}

/// The text of the file at `path`, or an error naming it.
pub fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes `text` to `path`, or an error naming it.
pub fn write_text(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Shares (0 to 1) as whole percentages: `["70%", "38%"]`.
pub fn percentages(shares: &[f64]) -> Vec<String> {
    shares
        .iter()
        .map(|f| format!("{:.0}%", 100.0 * f))
        .collect()
}

fn is_json(path: &Path, text: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || text.trim_start().starts_with('{')
}

/// Reads the problem at `path` in `format`.
pub fn read_problem(path: &Path, format: Format) -> Result<Input, String> {
    let text = read_text(path)?;
    let at = |e: lastmile::LoadError| format!("{}: {}", path.display(), e);
    let plain = |problem: Problem| Input {
        problem,
        vroom: None,
    };
    let vroom = |text: &str| {
        vroom_problem_from_json(text).map(|v| Input {
            problem: v.problem().clone(),
            vroom: Some(v),
        })
    };
    match format {
        Format::Vroom => vroom(&text).map_err(at),
        Format::Auto if is_json(path, &text) && is_vroom_problem(&text) => vroom(&text).map_err(at),
        Format::Json => problem_from_json(&text).map(plain).map_err(at),
        Format::Auto if is_json(path, &text) => problem_from_json(&text).map(plain).map_err(at),
        Format::Auto => parse_instance(&text, None).map(plain).map_err(at),
        Format::Solomon => lastmile::io::solomon::parse_solomon(&text, None)
            .map(plain)
            .map_err(at),
        Format::Vrplib => lastmile::io::vrplib::parse_vrplib(&text, None)
            .map(plain)
            .map_err(at),
    }
}

/// Reads the plan at `path` for `input`: VROOM's solution for a VROOM
/// problem, lastmile's JSON plan, or a VRPLIB `.sol` file.
pub fn read_plan(input: &Input, path: &Path) -> Result<Solution, String> {
    let text = read_text(path)?;
    let at = |e: lastmile::LoadError| format!("{}: {e}", path.display());
    if is_json(path, &text) {
        return match &input.vroom {
            Some(vroom) if !text.contains("\"schema\"") => {
                vroom_solution_from_json(vroom, &text).map_err(at)
            }
            _ => solution_from_json(&input.problem, &text).map_err(at),
        };
    }
    let sol = SolFile::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    sol.to_solution(&input.problem)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes `solution` to `path`: VRPLIB for `.sol`, VROOM's solution for
/// a VROOM problem, lastmile's JSON plan otherwise.
pub fn write_plan(input: &Input, solution: &Solution, path: &Path) -> Result<(), String> {
    let problem = &input.problem;
    let text = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("sol"))
    {
        SolFile::from_solution(problem, solution).to_text(problem)
    } else if let Some(vroom) = &input.vroom {
        vroom_solution_to_json(vroom, solution)
    } else {
        solution_to_json(problem, solution)
    };
    write_text(path, &text)
}

/// The coordinates of `location`, or an error naming it when the problem
/// has none there (problems given by a matrix alone): maps and GeoJSON
/// need them for every depot and stop.
pub fn position(problem: &Problem, location: LocationId) -> Result<(f64, f64), String> {
    problem.coordinates(location).ok_or_else(|| {
        format!(
            "location {} has no coordinates: maps and GeoJSON need coordinates for every depot and stop",
            location.0
        )
    })
}

/// Every depot a vehicle type starts or ends at, once each.
pub fn depots(problem: &Problem) -> Vec<LocationId> {
    let mut depots: Vec<LocationId> = problem
        .vehicle_types()
        .iter()
        .flat_map(|v| [v.start_depot, v.end_depot])
        .collect();
    depots.sort_unstable_by_key(|l| l.0);
    depots.dedup();
    depots
}

/// The plan-wide key figures, named, as the table and the report show them.
pub fn kpi_rows(k: &Kpis) -> Vec<(&'static str, String)> {
    vec![
        ("vehicles used", k.vehicles_used.to_string()),
        ("deliveries", k.deliveries.to_string()),
        ("returns collected", k.pickups.to_string()),
        ("unassigned", k.unassigned.to_string()),
        ("distance", format!("{:.1}", k.distance)),
        ("duration", format!("{:.1}", k.duration)),
        ("stops per route", format!("{:.1}", k.deliveries_per_route)),
        ("on time", format!("{:.1}%", 100.0 * k.on_time_share)),
        ("late stops", k.late_stops.to_string()),
        ("cost", format!("{:.2}", k.cost)),
        ("cost per delivery", format!("{:.2}", k.cost_per_delivery)),
        ("CO2 per delivery", format!("{:.0} g", k.co2_per_delivery)),
    ]
}

/// The key figures as a table, one figure per line, then one line per route.
pub fn kpis_table(k: &Kpis) -> String {
    let mut lines: Vec<String> = kpi_rows(k)
        .into_iter()
        .map(|(name, value)| format!("{name:19}{value}"))
        .collect();
    lines.push(String::from("route  type  stops  distance  duration  load"));
    for (i, r) in k.routes.iter().enumerate() {
        let load = percentages(&r.load_factor);
        lines.push(format!(
            "{:5}  {:4}  {:5}  {:8.1}  {:8.1}  {}",
            i + 1,
            r.vehicle_type.0,
            r.deliveries,
            r.distance,
            r.duration,
            load.join(" ")
        ));
    }
    lines.join("\n")
}

/// The key figures as JSON.
pub fn kpis_json(k: &Kpis) -> String {
    let routes: Vec<serde_json::Value> = k
        .routes
        .iter()
        .map(|r| {
            serde_json::json!({
                "vehicle_type": r.vehicle_type.0,
                "deliveries": r.deliveries,
                "distance": r.distance,
                "duration": r.duration,
                "load_factor": r.load_factor,
                "co2_grams": r.co2_grams,
                "cost": r.cost,
            })
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "vehicles_used": k.vehicles_used,
        "deliveries": k.deliveries,
        "pickups": k.pickups,
        "unassigned": k.unassigned,
        "distance": k.distance,
        "duration": k.duration,
        "deliveries_per_route": k.deliveries_per_route,
        "distance_per_delivery": k.distance_per_delivery,
        "load_factor": k.load_factor,
        "on_time_share": k.on_time_share,
        "late_stops": k.late_stops,
        "lateness": k.lateness,
        "co2_grams": k.co2_grams,
        "co2_per_delivery": k.co2_per_delivery,
        "cost": k.cost,
        "cost_per_delivery": k.cost_per_delivery,
        "routes": routes,
    }))
    .expect("figures are plain numbers")
}
