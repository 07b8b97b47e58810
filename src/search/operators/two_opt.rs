//! 2-opt inside a route: reverse the stretch between two jobs.

use super::shape::{reshape_one, Head, NewRoute, Stretch, Tail};
use super::{Candidate, Operator};
use crate::problem::JobId;
use crate::search::state::SearchState;

/// Reverse positions `from..=to` of `route`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TwoOpt {
    /// The route.
    pub route: usize,
    /// First reversed position.
    pub from: usize,
    /// Last reversed position.
    pub to: usize,
}

impl Operator for TwoOpt {
    /// The 2-opt move that makes `v` follow `u` (when `u` comes first) or
    /// `u` follow `v`, if it improves.
    fn best_for_pair(
        state: &SearchState<'_>,
        u: JobId,
        v: JobId,
        _max_string: usize,
    ) -> Option<Candidate> {
        let (pu, pv) = (state.position(u)?, state.position(v)?);
        if pu.route != pv.route {
            return None;
        }
        let (from, to) = if pu.position < pv.position {
            (pu.position + 1, pv.position)
        } else {
            (pv.position, pu.position - 1)
        };
        let mv = TwoOpt {
            route: pu.route,
            from,
            to,
        };
        let mut best = None;
        Candidate::keep_best(&mut best, state, mv);
        best
    }

    /// `None` for an empty reversal.
    #[inline]
    fn delta_pruned(&self, state: &SearchState<'_>, prune: bool) -> Option<i64> {
        let m = self;
        if m.from == 0 || m.from >= m.to || m.to > state.route(m.route).len() {
            return None;
        }
        let parts = (
            Head {
                route: m.route,
                last: m.from - 1,
            },
            Stretch {
                route: m.route,
                from: m.from,
                to: m.to,
                reversed: true,
            },
            Tail {
                route: m.route,
                first: m.to + 1,
            },
        );
        reshape_one(state, prune, NewRoute::new(m.route, parts))
    }

    fn apply(&self, state: &mut SearchState<'_>) {
        state.jobs_mut(self.route)[self.from - 1..self.to].reverse();
        state.refresh(&[self.route]);
    }

    fn routes(&self) -> [usize; 2] {
        [self.route, self.route]
    }
}
