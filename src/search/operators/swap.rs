//! Swap strings between two routes: 1-1, 2-1, 1-2 and 2-2.

use super::shape::{reshape_two, Head, NewRoute, Stretch, Tail};
use super::{Candidate, Operator};
use crate::problem::JobId;
use crate::search::state::SearchState;

/// Exchange positions `start_a..start_a + len_a` of route `a` with positions
/// `start_b..start_b + len_b` of route `b` (`a != b`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Swap {
    /// First route.
    pub a: usize,
    /// First position of the string in `a`.
    pub start_a: usize,
    /// Length of the string in `a`.
    pub len_a: usize,
    /// Second route.
    pub b: usize,
    /// First position of the string in `b`.
    pub start_b: usize,
    /// Length of the string in `b`.
    pub len_b: usize,
}

impl Operator for Swap {
    /// The best improving swap of strings starting at `u` and at `v`.
    fn best_for_pair(
        state: &SearchState<'_>,
        u: JobId,
        v: JobId,
        max_string: usize,
    ) -> Option<Candidate> {
        let (pu, pv) = (state.position(u)?, state.position(v)?);
        if pu.route == pv.route {
            return None;
        }
        let mut best = None;
        for len_a in 1..=max_string {
            for len_b in 1..=max_string {
                let mv = Swap {
                    a: pu.route,
                    start_a: pu.position,
                    len_a,
                    b: pv.route,
                    start_b: pv.position,
                    len_b,
                };
                Candidate::keep_best(&mut best, state, mv);
            }
        }
        best
    }

    /// `None` when the move does not fit the routes.
    #[inline]
    fn delta_pruned(&self, state: &SearchState<'_>, prune: bool) -> Option<i64> {
        let m = self;
        let (a, b) = (state.route(m.a), state.route(m.b));
        let (end_a, end_b) = (m.start_a + m.len_a - 1, m.start_b + m.len_b - 1);
        if m.a == m.b || m.start_a == 0 || m.start_b == 0 || m.len_a == 0 || m.len_b == 0 {
            return None;
        }
        if end_a > a.len() || end_b > b.len() {
            return None;
        }
        let string = |route, from, to| Stretch {
            route,
            from,
            to,
            reversed: false,
        };
        let new_a = (
            Head {
                route: m.a,
                last: m.start_a - 1,
            },
            string(m.b, m.start_b, end_b),
            Tail {
                route: m.a,
                first: end_a + 1,
            },
        );
        let new_b = (
            Head {
                route: m.b,
                last: m.start_b - 1,
            },
            string(m.a, m.start_a, end_a),
            Tail {
                route: m.b,
                first: end_b + 1,
            },
        );
        reshape_two(state, prune, NewRoute::new(m.a, new_a), NewRoute::new(m.b, new_b))
    }

    fn apply(&self, state: &mut SearchState<'_>) {
        let m = self;
        let range_a = m.start_a - 1..m.start_a - 1 + m.len_a;
        let range_b = m.start_b - 1..m.start_b - 1 + m.len_b;
        let string_b: Vec<JobId> = state.jobs_mut(m.b)[range_b.clone()].to_vec();
        let string_a: Vec<JobId> = state.jobs_mut(m.a).splice(range_a, string_b).collect();
        state.jobs_mut(m.b).splice(range_b, string_a);
        state.refresh(&[m.a, m.b]);
    }

    fn routes(&self) -> [usize; 2] {
        [self.a, self.b]
    }
}
