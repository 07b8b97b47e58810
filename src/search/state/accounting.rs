//! Objective accounting: penalised and unpenalised costs, feasibility and
//! counts of the state, summed over its routes and unassigned jobs.

use super::SearchState;

impl SearchState<'_> {
    /// Sum of the penalised route costs.
    pub fn cost(&self) -> i64 {
        self.routes.iter().map(|r| r.cost()).sum()
    }

    /// True when every route is feasible.
    pub fn is_feasible(&self) -> bool {
        self.routes.iter().all(|r| r.is_empty() || r.is_feasible())
    }

    /// Total distance and vehicle costs (fixed, distance and time costs by
    /// each type's rates, whatever the objective) of the routes. O(routes).
    pub fn distance_and_cost(&self) -> (crate::units::Distance, crate::units::Cost) {
        let mut distance = 0;
        let mut cost = 0;
        for route in self.routes.iter().filter(|r| !r.is_empty()) {
            let whole = route.whole();
            let weights = self.problem.cost_weights(route.vehicle_type());
            distance += whole.distance.get();
            cost = weights
                .route(whole.distance, whole.time().duration)
                .saturating_add(cost);
        }
        (crate::units::Distance(distance), crate::units::Cost(cost))
    }

    /// Number of jobs left unassigned.
    pub fn unassigned_count(&self) -> usize {
        self.unassigned.len()
    }

    /// Number of mandatory (not optional) jobs left unassigned.
    pub fn mandatory_unassigned_count(&self) -> usize {
        crate::solution::mandatory_unassigned(self.problem, &self.unassigned)
    }

    /// The penalties of the optional jobs left unassigned, in cost units.
    pub fn omitted_cost(&self) -> i64 {
        crate::objective::omitted_cost(self.problem, &self.unassigned, &self.model)
    }

    /// The penalised cost plus the penalties of optional jobs left out:
    /// what the annealing minimises.
    pub fn total_cost(&self) -> i64 {
        self.cost() + self.omitted_cost() + self.reassignment_cost() + self.lateness_cost()
    }

    /// What the jobs served by a type other than their preferred one cost
    /// (see [`CostModel::reassignment`](crate::eval::CostModel::reassignment)),
    /// from each route's cache: O(routes).
    pub fn reassignment_cost(&self) -> i64 {
        self.routes.iter().map(|r| r.reassignment_cost()).sum()
    }

    /// What the jobs served after their windows cost (soft windows), from
    /// each route's cache: O(routes).
    pub fn lateness_cost(&self) -> i64 {
        self.routes.iter().map(|r| r.lateness_cost()).sum()
    }

    /// The cost without penalties of the routes plus the penalties of
    /// optional jobs left out, of jobs off their preferred vehicle type and
    /// of late jobs: the objective value of a feasible state.
    pub fn objective_value(&self) -> i64 {
        self.routes.iter().map(|r| r.base_cost()).sum::<i64>()
            + self.omitted_cost()
            + self.reassignment_cost()
            + self.lateness_cost()
    }
}
