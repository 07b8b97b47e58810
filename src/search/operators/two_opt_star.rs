//! 2-opt* between routes: exchange their tails.

use super::{two_route_delta, two_routes_cannot_improve, Candidate, Move};
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

/// The tail exchange that makes `v` follow `u`, if it improves.
pub fn evaluate(state: &SearchState<'_>, u: JobId, v: JobId) -> Option<Candidate> {
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
    Candidate::keep_best(
        &mut best,
        delta_pruned(state, &mv, true),
        Move::TwoOptStar(mv),
    );
    best
}

/// Predicted change of the penalised cost (exact for any move), `None` if the move does not fit.
pub fn delta(state: &SearchState<'_>, m: &TwoOptStar) -> Option<i64> {
    delta_pruned(state, m, false)
}

/// As [`delta`], but with `prune` returns `None` as soon as the distance
/// change shows that the move cannot improve.
pub(crate) fn delta_pruned(state: &SearchState<'_>, m: &TwoOptStar, prune: bool) -> Option<i64> {
    let (a, b) = (state.route(m.a), state.route(m.b));
    if m.a == m.b || m.keep_a > a.len() || m.keep_b > b.len() {
        return None;
    }
    let (head_a, head_b) = (a.before(m.keep_a), b.before(m.keep_b));
    if prune
        && two_routes_cannot_improve(
            state,
            (
                m.a,
                &[
                    head_a.outline(),
                    state.tail_outline_for(m.b, m.keep_b + 1, m.a),
                ],
            ),
            (
                m.b,
                &[
                    head_b.outline(),
                    state.tail_outline_for(m.a, m.keep_a + 1, m.b),
                ],
            ),
        )
    {
        return None;
    }
    let new_a = [head_a, state.tail_for(m.b, m.keep_b + 1, m.a)];
    let new_b = [head_b, state.tail_for(m.a, m.keep_a + 1, m.b)];
    Some(two_route_delta(state, (m.a, &new_a), (m.b, &new_b)))
}

/// Performs the move.
pub fn apply(state: &mut SearchState<'_>, m: &TwoOptStar) {
    let tail_a: Vec<JobId> = state.jobs_mut(m.a).split_off(m.keep_a);
    let tail_b: Vec<JobId> = state.jobs_mut(m.b).split_off(m.keep_b);
    state.jobs_mut(m.a).extend(tail_b);
    state.jobs_mut(m.b).extend(tail_a);
    state.refresh(&[m.a, m.b]);
}
