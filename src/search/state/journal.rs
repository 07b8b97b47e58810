//! The undo journal: a tentative change saves each route before its first
//! change, so that it is undone in time proportional to the routes it
//! touched.

use super::{Position, SearchState};
use crate::problem::JobId;
use crate::search::route::SearchRoute;
use crate::solution::Unassigned;

/// What a tentative change overwrote, so that it can be undone without
/// copying the whole state (see [`SearchState::begin`]). Route copies are
/// recycled through `pool`: a steady search allocates nothing.
#[derive(Clone, Debug, Default)]
pub(super) struct Journal {
    pub(super) active: bool,
    /// (route index, its content before the first change).
    pub(super) saved: Vec<(usize, SearchRoute)>,
    pub(super) route_count: usize,
    pub(super) unassigned: Vec<Unassigned>,
    /// (job, place before the change), in the order of the changes.
    pub(super) places: Vec<(JobId, usize)>,
    pub(super) pool: Vec<SearchRoute>,
    /// Scratch: the routes a rollback restored.
    pub(super) saved_indices: Vec<usize>,
}

impl SearchState<'_> {
    /// Starts a tentative change: until [`commit`](Self::commit) or
    /// [`rollback`](Self::rollback), every route is saved before its first
    /// change, so that the change can be undone in time proportional to the
    /// routes it touched.
    pub(crate) fn begin(&mut self) {
        debug_assert!(!self.journal.active, "nested tentative change");
        self.journal.active = true;
        self.journal.route_count = self.routes.len();
        self.journal.unassigned.clone_from(&self.unassigned);
    }

    /// Keeps the tentative change.
    pub(crate) fn commit(&mut self) {
        for i in 0..self.journal.saved.len() {
            let index = self.journal.saved[i].0;
            self.mark_changed(index);
        }
        for index in self.journal.route_count..self.routes.len() {
            self.mark_changed(index);
        }
        let journal = &mut self.journal;
        journal.active = false;
        journal.places.clear();
        journal
            .pool
            .extend(journal.saved.drain(..).map(|(_, route)| route));
    }

    /// Undoes the tentative change: routes, positions and unassigned jobs
    /// are as they were at [`begin`](Self::begin).
    pub(crate) fn rollback(&mut self) {
        let journal = &mut self.journal;
        journal.active = false;
        for (job, place) in journal.places.drain(..).rev() {
            self.places[job.0] = place;
        }
        for (index, _) in &journal.saved {
            for job in self.routes[*index].jobs() {
                self.positions[job.0] = None;
            }
        }
        journal.saved_indices.clear();
        for (index, mut route) in journal.saved.drain(..) {
            journal.saved_indices.push(index);
            std::mem::swap(&mut self.routes[index], &mut route);
            journal.pool.push(route);
            if index < journal.route_count {
                for (i, &job) in self.routes[index].jobs().iter().enumerate() {
                    self.positions[job.0] = Some(Position {
                        route: index,
                        position: i + 1,
                    });
                }
            }
        }
        while self.routes.len() > journal.route_count {
            let route = self.routes.pop().expect("appended route");
            self.fleet.pop(route.vehicle_type());
            journal.pool.push(route);
        }
        std::mem::swap(&mut self.unassigned, &mut journal.unassigned);
        for i in 0..self.journal.saved_indices.len() {
            let index = self.journal.saved_indices[i];
            if index < self.routes.len() {
                self.count_route(index);
            }
        }
        self.journal.saved_indices.clear();
    }

    /// Saves `route` before its first change inside a tentative change.
    pub(super) fn touch(&mut self, route: usize) {
        let journal = &mut self.journal;
        if !journal.active || journal.saved.iter().any(|(i, _)| *i == route) {
            return;
        }
        let copy = match journal.pool.pop() {
            Some(mut copy) => {
                copy.clone_from(&self.routes[route]);
                copy
            }
            None => self.routes[route].clone(),
        };
        journal.saved.push((route, copy));
    }
}
