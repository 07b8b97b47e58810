//! The cost model of the search: how a route is costed under the objective
//! ([`CostModel`]: by distance or by the vehicle types' costs, and the unit
//! of the penalties of optional jobs left out), and the weights of the
//! penalties for infeasibility ([`Penalties`]: time warp, excess load,
//! missing skills), which the search changes as it runs.

use crate::problem::{JobId, Problem, VehicleTypeId};
use crate::units::{Duration, MAX_ROUTE_COST};

/// Weights of the penalties for infeasibility, in cost units per internal unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Penalties {
    /// Per unit of time warp (lateness).
    pub time_warp: i64,
    /// Per unit of load above capacity (summed over dimensions).
    pub excess_load: i64,
    /// Fixed cost of every route that serves a job (0 by default; the
    /// vehicles-first objective sets it above any plan's total distance).
    pub route: i64,
    /// Per skill a route's jobs need and its vehicle lacks (a job bound to
    /// another vehicle type counts as one): far above any plan's cost, so
    /// that such a route is never kept.
    pub missing_skill: i64,
}

/// How the search costs a plan under an objective: what a route costs, the
/// unit of the penalties of optional jobs left out, and the current
/// penalty weights. The first two are fixed for a search; the weights may
/// change as it runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CostModel {
    /// Weights of the penalties for infeasibility.
    pub penalties: Penalties,
    /// Cost routes with their vehicle type's fixed, distance and time costs
    /// (the cost objective); otherwise by distance alone.
    pub vehicle_costs: bool,
    /// Internal cost units per objective unit, to convert the penalties of
    /// optional jobs: the problem's scale under the distance objective,
    /// [`COST_SCALE`](crate::problem::COST_SCALE) under the cost objective.
    pub omission_unit: i64,
}

impl Default for CostModel {
    /// Routes costed by distance, default weights, omission unit 1.
    fn default() -> CostModel {
        CostModel {
            penalties: Penalties::default(),
            vehicle_costs: false,
            omission_unit: 1,
        }
    }
}

/// The most a unit of excess load may weigh per unit of distance (when
/// demands are tiny against distances): enough to make overloading dearer
/// than any detour of a real plan, small enough that the product with the
/// largest excess stays far from overflow.
const MAX_LOAD_WEIGHT: i64 = 1 << 24;

/// Weight of a missing skill: above any plan's cost (i32 arcs times up to
/// 30,000 stops stay far below), far below overflow.
const MISSING_SKILL: i64 = 1 << 50;

impl Default for Penalties {
    fn default() -> Penalties {
        Penalties {
            time_warp: 100,
            excess_load: 1000,
            route: 0,
            missing_skill: MISSING_SKILL,
        }
    }
}

impl CostModel {
    /// Weights scaled to `problem`: a unit of time warp costs 100 units of
    /// distance, and a unit of excess load costs 100 times the mean distance
    /// from the depot per unit of mean demand, so that overloading a route
    /// by one typical job costs far more than any saving from doing so.
    pub fn for_problem(problem: &Problem) -> CostModel {
        CostModel::for_objective(problem, false)
    }

    /// As [`for_problem`](Self::for_problem), for the cost objective when
    /// `vehicle_costs` is set: the penalty weights are then multiplied by
    /// the largest cost per unit of distance and time of any vehicle type,
    /// so that lateness and overload stay far dearer than driving.
    pub fn for_objective(problem: &Problem, vehicle_costs: bool) -> CostModel {
        let (unit, omission_unit) = if vehicle_costs {
            let unit = (0..problem.vehicle_types().len())
                .map(|t| {
                    let w = problem.cost_weights(VehicleTypeId(t));
                    w.per_distance + w.per_time + w.per_overtime
                })
                .max()
                .unwrap_or(1)
                .max(1);
            (unit, crate::problem::COST_SCALE)
        } else {
            (1, problem.scale())
        };
        let jobs = problem.jobs();
        if jobs.is_empty() {
            return CostModel {
                penalties: Penalties::default(),
                vehicle_costs,
                omission_unit,
            };
        }
        let depot = problem.vehicle_types()[0].start_depot;
        let distance: f64 = jobs
            .iter()
            .map(|j| problem.distance(depot, j.location).get() as f64)
            .sum();
        let demand: f64 = jobs.iter().map(|j| j.total_amount() as f64).sum();
        let per_unit = if demand > 0.0 {
            (distance / demand).ceil() as i64
        } else {
            1
        };
        CostModel {
            penalties: Penalties {
                time_warp: unit.saturating_mul(100),
                excess_load: per_unit
                    .clamp(1, MAX_LOAD_WEIGHT)
                    .saturating_mul(100)
                    .saturating_mul(unit),
                route: 0,
                missing_skill: MISSING_SKILL,
            },
            vehicle_costs,
            omission_unit,
        }
    }

    /// What serving `job` with `vehicle_type` costs for leaving its
    /// preferred type (internal cost units; 0 without a preference).
    #[inline]
    pub fn reassignment(&self, problem: &Problem, job: JobId, vehicle_type: VehicleTypeId) -> i64 {
        reassignment_in(problem, job, vehicle_type, self.omission_unit)
    }

    /// The cost of leaving out `penalty`'s job, in internal cost units.
    #[inline]
    pub fn omission(&self, penalty: f64) -> i64 {
        omission_in(penalty, self.omission_unit)
    }

    /// What serving `job` at place `place` from `service_start` on costs
    /// for starting after the customer's window (internal cost units; 0
    /// for a job without [`Job::lateness`](crate::Job::lateness)).
    #[inline]
    pub fn lateness(
        &self,
        problem: &Problem,
        job: JobId,
        place: usize,
        service_start: Duration,
    ) -> i64 {
        lateness_in(problem, job, place, service_start, self.omission_unit)
    }

    /// The same model with penalty weights `penalties`.
    pub fn with_penalties(&self, penalties: Penalties) -> CostModel {
        CostModel { penalties, ..*self }
    }
}

impl Penalties {
    /// Both weights divided (at least 1) by the given factors.
    pub fn scaled_down(&self, time_warp: i64, excess_load: i64) -> Penalties {
        Penalties {
            time_warp: (self.time_warp / time_warp.max(1)).max(1),
            excess_load: (self.excess_load / excess_load.max(1)).max(1),
            ..*self
        }
    }
}

/// [`CostModel::omission`] for a model whose unit is `unit`.
#[inline]
fn omission_in(penalty: f64, unit: i64) -> i64 {
    ((penalty * unit as f64).round() as i64).min(MAX_ROUTE_COST)
}

/// [`CostModel::lateness`] for a model whose omission unit is `unit`.
#[inline]
pub(crate) fn lateness_in(
    problem: &Problem,
    job: JobId,
    place: usize,
    service_start: Duration,
    unit: i64,
) -> i64 {
    let data = problem.job(job);
    match data.lateness {
        Some(lateness) => {
            let late = data.late_by(place, service_start).get();
            if late == 0 {
                0
            } else {
                omission_in(lateness.cost * late as f64 / problem.scale() as f64, unit)
            }
        }
        None => 0,
    }
}

/// [`CostModel::reassignment`] for a model whose omission unit is `unit`
/// (for caches that keep the unit, not the model).
#[inline]
pub(crate) fn reassignment_in(
    problem: &Problem,
    job: JobId,
    vehicle_type: VehicleTypeId,
    unit: i64,
) -> i64 {
    match problem.job(job).preferred_vehicle_type {
        Some((preferred, penalty)) if preferred != vehicle_type => omission_in(penalty, unit),
        _ => 0,
    }
}
