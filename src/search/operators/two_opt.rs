//! 2-opt inside a route: reverse the stretch between two jobs.

use super::{one_route_cannot_improve, one_route_delta, Candidate, Move};
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

/// The 2-opt move that makes `v` follow `u` (when `u` comes first) or `u`
/// follow `v`, if it improves.
pub fn evaluate(state: &SearchState<'_>, u: JobId, v: JobId) -> Option<Candidate> {
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
    Candidate::keep_best(&mut best, delta_pruned(state, &mv, true), Move::TwoOpt(mv));
    best
}

/// Predicted change of the penalised cost (exact for any move), `None` for an empty reversal.
pub fn delta(state: &SearchState<'_>, m: &TwoOpt) -> Option<i64> {
    delta_pruned(state, m, false)
}

/// As [`delta`], but with `prune` returns `None` as soon as the distance
/// change shows that the move cannot improve.
pub(crate) fn delta_pruned(state: &SearchState<'_>, m: &TwoOpt, prune: bool) -> Option<i64> {
    let problem = state.problem();
    let route = state.route(m.route);
    if m.from == 0 || m.from >= m.to || m.to > route.len() {
        return None;
    }
    let (head, tail) = (route.before(m.from - 1), route.after(m.to + 1));
    if prune
        && one_route_cannot_improve(
            state,
            m.route,
            &[
                head.outline(),
                route.outline_between(problem, m.from, m.to, true),
                tail.outline(),
            ],
        )
    {
        return None;
    }
    let reversed = route.between(problem, m.from, m.to, true);
    Some(one_route_delta(state, m.route, &[head, reversed, tail]))
}

/// Performs the move.
pub fn apply(state: &mut SearchState<'_>, m: &TwoOpt) {
    state.jobs_mut(m.route)[m.from - 1..m.to].reverse();
    state.refresh(&[m.route]);
}
