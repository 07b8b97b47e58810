//! Fleet use: which routes serve jobs, the cap on routes with jobs, and a
//! spare empty route per vehicle type that still has vehicles left.

use super::SearchState;
use crate::problem::VehicleTypeId;
use crate::search::route::SearchRoute;
use std::collections::BTreeSet;

/// Which routes serve jobs, kept up to date route by route so that the
/// route cap and the spare routes cost O(types), not O(routes).
#[derive(Clone, Debug, Default)]
pub(super) struct FleetUse {
    /// Emptiness of every route as last counted.
    pub(super) empty: Vec<bool>,
    /// Routes that serve jobs.
    pub(super) used: usize,
    /// Per vehicle type: routes that serve jobs, and the empty ones.
    pub(super) used_of_type: Vec<usize>,
    pub(super) empty_of_type: Vec<BTreeSet<usize>>,
}

impl FleetUse {
    pub(super) fn new(types: usize) -> FleetUse {
        FleetUse {
            used_of_type: vec![0; types],
            empty_of_type: vec![BTreeSet::new(); types],
            ..FleetUse::default()
        }
    }

    /// Counts route `index` (of type `t`) as it is now.
    pub(super) fn count(&mut self, index: usize, t: VehicleTypeId, empty: bool) {
        if index == self.empty.len() {
            self.empty.push(empty);
            if empty {
                self.empty_of_type[t.0].insert(index);
            } else {
                self.used += 1;
                self.used_of_type[t.0] += 1;
            }
            return;
        }
        if self.empty[index] == empty {
            return;
        }
        self.empty[index] = empty;
        if empty {
            self.used -= 1;
            self.used_of_type[t.0] -= 1;
            self.empty_of_type[t.0].insert(index);
        } else {
            self.used += 1;
            self.used_of_type[t.0] += 1;
            self.empty_of_type[t.0].remove(&index);
        }
    }

    /// Forgets the last route (of type `t`).
    pub(super) fn pop(&mut self, t: VehicleTypeId) {
        let index = self.empty.len() - 1;
        if self.empty.pop() == Some(true) {
            self.empty_of_type[t.0].remove(&index);
        } else {
            self.used -= 1;
            self.used_of_type[t.0] -= 1;
        }
    }
}

impl SearchState<'_> {
    /// Counts route `index` as it is now (used or empty).
    pub(super) fn count_route(&mut self, index: usize) {
        let route = &self.routes[index];
        self.fleet
            .count(index, route.vehicle_type(), route.is_empty());
    }

    /// The route indices of empty routes, one per vehicle type at most
    /// (the first of each type), in index order. O(types).
    pub fn empty_routes(&self) -> impl Iterator<Item = usize> + '_ {
        let mut firsts: Vec<usize> = self
            .fleet
            .empty_of_type
            .iter()
            .filter_map(|set| set.first().copied())
            .collect();
        firsts.sort_unstable();
        firsts.into_iter()
    }

    /// Number of routes that serve jobs. O(1).
    pub fn used_routes(&self) -> usize {
        self.fleet.used
    }

    /// Caps the number of routes with jobs (on top of the fleet): at the
    /// cap no empty route is offered for insertion.
    pub fn set_route_cap(&mut self, cap: Option<usize>) {
        self.route_cap = cap;
        self.ensure_spare_routes();
    }

    /// True when no further route may be opened.
    pub fn at_route_cap(&self) -> bool {
        self.route_cap.is_some_and(|cap| self.fleet.used >= cap)
    }

    pub(super) fn ensure_spare_routes(&mut self) {
        if self.at_route_cap() {
            return;
        }
        for (t, vehicle) in self.problem.vehicle_types().iter().enumerate() {
            let used = self.fleet.used_of_type[t];
            let has_spare = !self.fleet.empty_of_type[t].is_empty();
            if used < vehicle.count && !has_spare {
                self.routes.push(SearchRoute::new(
                    self.problem,
                    VehicleTypeId(t),
                    Vec::new(),
                    &self.model,
                    &self.places,
                ));
                self.count_route(self.routes.len() - 1);
            }
        }
    }
}
