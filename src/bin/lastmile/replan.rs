//! `lastmile replan`: a day in progress, the events since, and the plan for
//! the rest of the day.
//!
//! The state is a day file (`lastmile/day`, as `--day-out` writes it) or,
//! at the start of the day, the morning's plan (`lastmile/solution`). The
//! events (`lastmile/events`) are applied in order; then the rest of the
//! day is planned and adopted, and the new state can be written to carry
//! on with the next events.

use crate::files::{read_text, write_text};
use lastmile::io::json::{
    day_to_json, events_from_json, problem_to_json, solution_from_json, DAY_SCHEMA,
};
use lastmile::replan::{replan, Day, DayPlan, PlannedStop, ReplanConfig};
use lastmile::{Problem, Solver};
use serde_json::{json, Value};
use std::path::Path;

/// The day in `state`: a day file, or a plan (the start of the day).
pub fn read_day(problem: &Problem, state: &Path) -> Result<Day, String> {
    let text = read_text(state)?;
    let at = |e: lastmile::LoadError| format!("{}: {e}", state.display());
    if text.contains(&format!("\"{DAY_SCHEMA}\"")) {
        lastmile::io::json::day_from_json(problem, &text).map_err(at)
    } else {
        let plan = solution_from_json(problem, &text).map_err(at)?;
        Ok(Day::start(problem, &plan))
    }
}

/// Applies the events in `events` to `day`, in order; an event the day
/// refuses is an error naming it.
pub fn apply_events(day: &mut Day, events: &Path) -> Result<usize, String> {
    let text = read_text(events)?;
    let list =
        events_from_json(day.problem(), &text).map_err(|e| format!("{}: {e}", events.display()))?;
    let count = list.len();
    for (index, event) in list.into_iter().enumerate() {
        day.apply(event)
            .map_err(|e| format!("{}: events[{index}]: {e}", events.display()))?;
    }
    Ok(count)
}

/// Plans the rest of `day` with `solver`, adopts the plan and returns it.
pub fn plan_rest(day: &mut Day, solver: &Solver, config: &ReplanConfig) -> DayPlan {
    let plan = replan(day, solver, config);
    day.adopt(&plan);
    plan
}

fn stop_json(problem: &Problem, stop: &PlannedStop) -> Value {
    json!({
        "job": stop.job.0,
        "place": stop.place,
        "arrival": problem.to_instance_units(stop.arrival.get()),
        "service_start": problem.to_instance_units(stop.service_start.get()),
    })
}

/// The plan for the rest of the day as JSON: per van its committed and
/// planned stops with ETAs (instance units), what is left out and why,
/// what moved, and which customers' ETAs changed.
pub fn plan_json(problem: &Problem, plan: &DayPlan) -> String {
    let units = |d: lastmile::units::Duration| problem.to_instance_units(d.get());
    let vehicles: Vec<Value> = plan
        .vehicles
        .iter()
        .map(|v| {
            json!({
                "vehicle": v.vehicle.0,
                "committed": v.committed.iter().map(|s| stop_json(problem, s)).collect::<Vec<_>>(),
                "planned": v.planned.iter().map(|s| stop_json(problem, s)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let value = json!({
        "now": units(plan.now),
        "vehicles": vehicles,
        "unassigned": plan.unassigned.iter().map(|u| json!({
            "job": u.job.0,
            "reason": u.reason.to_string(),
        })).collect::<Vec<_>>(),
        "released": plan.released.iter().map(|j| j.0).collect::<Vec<_>>(),
        "moved": plan.moved.iter().map(|j| j.0).collect::<Vec<_>>(),
        "eta_changes": plan.eta_changes.iter().map(|c| json!({
            "job": c.job.0,
            "before": units(c.before),
            "after": units(c.after),
        })).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&value).expect("plain data serialises")
}

/// Writes the day after the re-plan (and its problem, which new orders
/// may have grown) for the next `replan`.
pub fn write_day(day: &Day, day_out: &Path, problem_out: Option<&Path>) -> Result<(), String> {
    write_text(day_out, &day_to_json(day))?;
    if let Some(path) = problem_out {
        write_text(path, &problem_to_json(day.problem()))?;
    }
    Ok(())
}
