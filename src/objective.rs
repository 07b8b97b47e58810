//! [`Objective`]: what the solver minimises, and the value of a solution
//! under it.

use crate::problem::Problem;
use crate::search::Penalties;
use crate::solution::Solution;

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

    /// The search's cost weights for this objective on `problem`.
    pub fn penalties(self, problem: &Problem) -> Penalties {
        Penalties::for_objective(problem, self.uses_vehicle_costs())
    }

    /// The value of `solution` in internal units (distance units, or cost
    /// units under [`Objective::Cost`]), penalties of optional jobs left out
    /// included. The number of vehicles (for
    /// [`Objective::VehiclesThenDistance`]) and of mandatory jobs left out
    /// are compared before it.
    pub fn value(self, problem: &Problem, solution: &Solution) -> i64 {
        value(problem, solution, &self.penalties(problem))
    }
}

/// The value of `solution` under the objective `penalties` were made for.
pub(crate) fn value(problem: &Problem, solution: &Solution, penalties: &Penalties) -> i64 {
    let cost = solution.cost();
    let base = if penalties.vehicle_costs {
        cost.cost.get()
    } else {
        cost.distance.get()
    };
    base + solution
        .unassigned()
        .iter()
        .filter_map(|u| problem.job(u.job).penalty)
        .map(|p| penalties.omission(p))
        .sum::<i64>()
}

/// Mandatory jobs `solution` leaves out.
pub(crate) fn mandatory_unassigned(problem: &Problem, solution: &Solution) -> usize {
    solution
        .unassigned()
        .iter()
        .filter(|u| !problem.job(u.job).is_optional())
        .count()
}
