//! Reading problems and plans in the formats the command line accepts, and
//! writing plans and key figures.

use clap::ValueEnum;
use lastmile::io::json::{problem_from_json, solution_from_json, solution_to_json};
use lastmile::io::{parse_instance, sol::SolFile};
use lastmile::{Kpis, LocationId, Problem, Solution};
use std::path::Path;

/// A problem file's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Told by the extension (`.json`) and the content (Solomon or VRPLIB).
    Auto,
    /// lastmile's JSON problem.
    Json,
    /// Solomon / Gehring–Homberger text.
    Solomon,
    /// VRPLIB `.vrp`.
    Vrplib,
}

fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn is_json(path: &Path, text: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || text.trim_start().starts_with('{')
}

/// Reads the problem at `path` in `format`.
pub fn read_problem(path: &Path, format: Format) -> Result<Problem, String> {
    let text = read_text(path)?;
    let at = |e: lastmile::LoadError| format!("{}: {}", path.display(), e);
    match format {
        Format::Json => problem_from_json(&text).map_err(at),
        Format::Auto if is_json(path, &text) => problem_from_json(&text).map_err(at),
        Format::Auto => parse_instance(&text, None).map_err(at),
        Format::Solomon => lastmile::io::solomon::parse_solomon(&text, None).map_err(at),
        Format::Vrplib => lastmile::io::vrplib::parse_vrplib(&text, None).map_err(at),
    }
}

/// Reads the plan at `path` for `problem`: lastmile's JSON plan, or a
/// VRPLIB `.sol` file.
pub fn read_plan(problem: &Problem, path: &Path) -> Result<Solution, String> {
    let text = read_text(path)?;
    if is_json(path, &text) {
        return solution_from_json(problem, &text).map_err(|e| format!("{}: {e}", path.display()));
    }
    let sol = SolFile::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    sol.to_solution(problem)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes `solution` to `path`: VRPLIB for `.sol`, lastmile's JSON plan
/// otherwise.
pub fn write_plan(problem: &Problem, solution: &Solution, path: &Path) -> Result<(), String> {
    let text = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("sol"))
    {
        SolFile::from_solution(problem, solution).to_text(problem)
    } else {
        solution_to_json(problem, solution)
    };
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
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

/// The key figures as a table, one figure per line, then one line per route.
pub fn kpis_table(k: &Kpis) -> String {
    let mut lines = vec![
        format!("vehicles used      {}", k.vehicles_used),
        format!("deliveries         {}", k.deliveries),
        format!("returns collected  {}", k.pickups),
        format!("unassigned         {}", k.unassigned),
        format!("distance           {:.1}", k.distance),
        format!("duration           {:.1}", k.duration),
        format!("stops per route    {:.1}", k.deliveries_per_route),
        format!("on time            {:.1}%", 100.0 * k.on_time_share),
        format!("late stops         {}", k.late_stops),
        format!("cost               {:.2}", k.cost),
        format!("cost per delivery  {:.2}", k.cost_per_delivery),
        format!("CO2 per delivery   {:.0} g", k.co2_per_delivery),
        String::from("route  type  stops  distance  duration  load"),
    ];
    for (i, r) in k.routes.iter().enumerate() {
        let load: Vec<String> = r
            .load_factor
            .iter()
            .map(|f| format!("{:.0}%", 100.0 * f))
            .collect();
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
