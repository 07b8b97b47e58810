//! 2-opt* between routes: exchange their tails.

use super::shape::{reshape_two, Head, NewRoute, Tail};
use super::{Candidate, Operator};
use crate::problem::JobId;
use crate::search::state::SearchState;

/// Route `a` keeps positions `0..=keep_a` and continues with route `b`'s
/// tail after `keep_b`; route `b` keeps `0..=keep_b` and continues with
/// `a`'s tail after `keep_a`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TwoOptStar {
    /// First route.
    pub a: usize,
    /// Last kept position of `a` (0: only the depot).
    pub keep_a: usize,
    /// Second route.
    pub b: usize,
    /// Last kept position of `b`.
    pub keep_b: usize,
}

impl Operator for TwoOptStar {
    /// The tail exchange that makes `v` follow `u`, if it improves.
    fn best_for_pair(
        state: &SearchState<'_>,
        u: JobId,
        v: JobId,
        _max_string: usize,
    ) -> Option<Candidate> {
        let (pu, pv) = (state.position(u)?, state.position(v)?);
        if pu.route == pv.route {
            return None;
        }
        let mv = TwoOptStar {
            a: pu.route,
            keep_a: pu.position,
            b: pv.route,
            keep_b: pv.position - 1,
        };
        let mut best = None;
        Candidate::keep_best(&mut best, state, mv);
        best
    }

    /// `None` when the move does not fit the routes.
    #[inline]
    fn delta_pruned(&self, state: &SearchState<'_>, prune: bool) -> Option<i64> {
        let m = self;
        if m.a == m.b || m.keep_a > state.route(m.a).len() || m.keep_b > state.route(m.b).len() {
            return None;
        }
        // Each tail is driven by the vehicle of the route it joins.
        let new_a = (
            Head {
                route: m.a,
                last: m.keep_a,
            },
            Tail {
                route: m.b,
                first: m.keep_b + 1,
            },
        );
        let new_b = (
            Head {
                route: m.b,
                last: m.keep_b,
            },
            Tail {
                route: m.a,
                first: m.keep_a + 1,
            },
        );
        reshape_two(state, prune, NewRoute::new(m.a, new_a), NewRoute::new(m.b, new_b))
    }

    fn apply(&self, state: &mut SearchState<'_>) {
        let m = self;
        let tail_a: Vec<JobId> = state.jobs_mut(m.a).split_off(m.keep_a);
        let tail_b: Vec<JobId> = state.jobs_mut(m.b).split_off(m.keep_b);
        state.jobs_mut(m.a).extend(tail_b);
        state.jobs_mut(m.b).extend(tail_a);
        state.refresh(&[m.a, m.b]);
    }

    fn routes(&self) -> [usize; 2] {
        [self.a, self.b]
    }
}
