//! Snapshots: a copy of the plan kept up to date in time proportional to
//! the routes changed since it was last saved.

use super::SearchState;
use crate::problem::Problem;
use crate::solution::{Route, Solution, Unassigned};

/// A copy of the routes and unassigned jobs of a [`SearchState`] at some
/// point, updated in time proportional to the routes changed since (see
/// [`SearchState::save_snapshot`]).
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// Per route index: vehicle type, jobs and their places.
    routes: Vec<Route>,
    unassigned: Vec<Unassigned>,
}

impl Snapshot {
    /// The saved plan as a [`Solution`] (empty routes dropped).
    pub fn to_solution(&self, problem: &Problem) -> Solution {
        let routes = self
            .routes
            .iter()
            .filter(|r| !r.jobs.is_empty())
            .cloned()
            .collect();
        Solution::new(problem, routes, self.unassigned.clone())
            .expect("search routes use valid jobs and types")
    }
}

impl SearchState<'_> {
    /// Flags route `index` as changed since the last snapshot.
    pub(super) fn mark_changed(&mut self, index: usize) {
        if self.changed.len() <= index {
            self.changed.resize(index + 1, false);
        }
        if !self.changed[index] {
            self.changed[index] = true;
            self.changed_list.push(index);
        }
    }

    /// Makes `snapshot` a copy of this state's routes and unassigned jobs.
    /// Only the routes changed by committed changes since the last call
    /// are copied (the first call copies all): this keeps the best plan of
    /// a long search without copying the whole plan at every improvement.
    /// Use one snapshot per state.
    pub fn save_snapshot(&mut self, snapshot: &mut Snapshot) {
        debug_assert!(!self.journal.active, "snapshot inside a tentative change");
        if snapshot.routes.is_empty() {
            self.changed_list.clear();
            self.changed_list.extend(0..self.routes.len());
        }
        snapshot.routes.truncate(self.routes.len());
        for index in self.changed_list.drain(..) {
            if index >= self.routes.len() {
                continue;
            }
            let route = &self.routes[index];
            let places = route.jobs().iter().map(|j| self.places[j.0]);
            if index >= snapshot.routes.len() {
                snapshot.routes.resize(
                    index + 1,
                    Route {
                        vehicle_type: route.vehicle_type(),
                        jobs: Vec::new(),
                        places: Vec::new(),
                        reloads: Vec::new(),
                    },
                );
            }
            let saved = &mut snapshot.routes[index];
            saved.vehicle_type = route.vehicle_type();
            saved.jobs.clear();
            saved.jobs.extend_from_slice(route.jobs());
            saved.places.clear();
            saved.places.extend(places);
        }
        self.changed.iter_mut().for_each(|c| *c = false);
        snapshot.unassigned.clone_from(&self.unassigned);
    }
}
