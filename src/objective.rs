//! [`Objective`]: what the solver minimises, and the value of a solution
//! under it.

use crate::eval::CostModel;
use crate::problem::Problem;
use crate::solution::{mandatory_unassigned, Solution, Unassigned};

/// What the solver minimises. Optional jobs left out always add their
/// penalties (in the objective's units).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Objective {
    /// Total distance, using at most the fleet (the DIMACS convention).
    #[default]
    Distance,
    /// Fewest vehicles first, then total distance.
    VehiclesThenDistance,
    /// Total cost by the vehicle types' fixed, distance and time costs (see
    /// [`VehicleTypeSpec::costs`](crate::VehicleTypeSpec::costs)).
    Cost,
}

impl Objective {
    /// True when routes are costed by their vehicle types' costs.
    pub fn uses_vehicle_costs(self) -> bool {
        self == Objective::Cost
    }

    /// The search's cost model for this objective on `problem`.
    pub fn cost_model(self, problem: &Problem) -> CostModel {
        CostModel::for_objective(problem, self.uses_vehicle_costs())
    }

    /// The value of `solution` in internal units (distance units, or cost
    /// units under [`Objective::Cost`]), penalties of optional jobs left out
    /// included. The number of vehicles (for
    /// [`Objective::VehiclesThenDistance`]) and of mandatory jobs left out
    /// are compared before it.
    pub fn value(self, problem: &Problem, solution: &Solution) -> i64 {
        value(problem, solution, &self.cost_model(problem))
    }

    /// How solutions are ordered (smaller is better): mandatory jobs left
    /// out, then routes (only under [`Objective::VehiclesThenDistance`]),
    /// then the value.
    pub(crate) fn rank(self, mandatory_out: usize, vehicles: usize, value: i64) -> Rank {
        let vehicles = if self == Objective::VehiclesThenDistance {
            vehicles
        } else {
            0
        };
        (mandatory_out, vehicles, value)
    }

    /// The [`rank`](Self::rank) of `solution`, `model` being this
    /// objective's.
    pub(crate) fn rank_of(self, problem: &Problem, solution: &Solution, model: &CostModel) -> Rank {
        self.rank(
            mandatory_unassigned(problem, solution.unassigned()),
            solution.cost().vehicles,
            value(problem, solution, model),
        )
    }
}

/// Mandatory jobs left out, routes counted, value: see [`Objective::rank`].
pub(crate) type Rank = (usize, usize, i64);

/// The value of `solution` under the objective `model` was made for.
pub(crate) fn value(problem: &Problem, solution: &Solution, model: &CostModel) -> i64 {
    let cost = solution.cost();
    let base = if model.vehicle_costs {
        cost.cost.get()
    } else {
        cost.distance.get()
    };
    base + omitted_cost(problem, solution.unassigned(), model)
        + reassignment_cost(problem, solution, model)
        + lateness_cost(problem, solution, model)
}

/// What the stops of `solution` served after their windows cost (soft
/// windows), in internal cost units.
pub(crate) fn lateness_cost(problem: &Problem, solution: &Solution, model: &CostModel) -> i64 {
    if !problem.has_soft_windows() {
        return 0;
    }
    solution
        .routes()
        .iter()
        .flat_map(|r| r.stops.iter())
        .map(|s| model.lateness(problem, s.job, s.place, s.service_start))
        .sum()
}

/// What the jobs of `solution` served by a type other than their preferred
/// one cost, in internal cost units.
pub(crate) fn reassignment_cost(problem: &Problem, solution: &Solution, model: &CostModel) -> i64 {
    if !problem.has_preferences() {
        return 0;
    }
    solution
        .routes()
        .iter()
        .flat_map(|r| r.stops.iter().map(move |s| (s.job, r.vehicle_type)))
        .map(|(job, vehicle_type)| model.reassignment(problem, job, vehicle_type))
        .sum()
}

/// The penalties of the optional jobs in `unassigned`, in internal cost
/// units.
pub(crate) fn omitted_cost(problem: &Problem, unassigned: &[Unassigned], model: &CostModel) -> i64 {
    unassigned
        .iter()
        .filter_map(|u| problem.job(u.job).penalty)
        .map(|p| model.omission(p))
        .sum()
}
