//! Swap strings between two routes: 1-1, 2-1, 1-2 and 2-2.

use super::{two_route_delta, two_routes_cannot_improve, Candidate, Move};
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

/// The best improving swap of strings starting at `u` and at `v`.
pub fn evaluate(state: &SearchState<'_>, u: JobId, v: JobId, max_len: usize) -> Option<Candidate> {
    let (pu, pv) = (state.position(u)?, state.position(v)?);
    if pu.route == pv.route {
        return None;
    }
    let mut best = None;
    for len_a in 1..=max_len {
        for len_b in 1..=max_len {
            let mv = Swap {
                a: pu.route,
                start_a: pu.position,
                len_a,
                b: pv.route,
                start_b: pv.position,
                len_b,
            };
            Candidate::keep_best(&mut best, delta_pruned(state, &mv, true), Move::Swap(mv));
        }
    }
    best
}

/// Predicted change of the penalised cost (exact for any move), `None` if the move does not fit.
pub fn delta(state: &SearchState<'_>, m: &Swap) -> Option<i64> {
    delta_pruned(state, m, false)
}

/// As [`delta`], but with `prune` returns `None` as soon as the distance
/// change shows that the move cannot improve.
pub(crate) fn delta_pruned(state: &SearchState<'_>, m: &Swap, prune: bool) -> Option<i64> {
    let problem = state.problem();
    let (a, b) = (state.route(m.a), state.route(m.b));
    let (end_a, end_b) = (m.start_a + m.len_a - 1, m.start_b + m.len_b - 1);
    if m.a == m.b || m.start_a == 0 || m.start_b == 0 || m.len_a == 0 || m.len_b == 0 {
        return None;
    }
    if end_a > a.len() || end_b > b.len() {
        return None;
    }
    let (head_a, tail_a) = (a.before(m.start_a - 1), a.after(end_a + 1));
    let (head_b, tail_b) = (b.before(m.start_b - 1), b.after(end_b + 1));
    if prune
        && two_routes_cannot_improve(
            state,
            (
                m.a,
                &[
                    head_a.outline(),
                    b.outline_between(problem, m.start_b, end_b, false),
                    tail_a.outline(),
                ],
            ),
            (
                m.b,
                &[
                    head_b.outline(),
                    a.outline_between(problem, m.start_a, end_a, false),
                    tail_b.outline(),
                ],
            ),
        )
    {
        return None;
    }
    // Each string is driven in the profile of the route it goes to.
    let string_a = a.between_in(problem, m.start_a, end_a, false, b.profile());
    let string_b = b.between_in(problem, m.start_b, end_b, false, a.profile());
    let new_a = [head_a, string_b, tail_a];
    let new_b = [head_b, string_a, tail_b];
    Some(two_route_delta(state, (m.a, &new_a), (m.b, &new_b)))
}

/// Performs the move.
pub fn apply(state: &mut SearchState<'_>, m: &Swap) {
    let range_a = m.start_a - 1..m.start_a - 1 + m.len_a;
    let range_b = m.start_b - 1..m.start_b - 1 + m.len_b;
    let string_b: Vec<JobId> = state.jobs_mut(m.b)[range_b.clone()].to_vec();
    let string_a: Vec<JobId> = state.jobs_mut(m.a).splice(range_a, string_b).collect();
    state.jobs_mut(m.b).splice(range_b, string_a);
    state.refresh(&[m.a, m.b]);
}
