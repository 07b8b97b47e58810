//! Relocate and or-opt: move a string of 1–3 consecutive jobs, possibly
//! reversed, to another place in the same or another route, including an
//! empty vehicle.

use super::{
    one_route_cannot_improve, one_route_delta, two_route_delta, two_routes_cannot_improve,
    Candidate, Move,
};
use crate::problem::JobId;
use crate::search::state::SearchState;

/// Move positions `start..start + len` of route `from` (reversed if asked)
/// to just after position `after` of route `to` (positions before the move;
/// 0 is the depot).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Relocate {
    /// Source route.
    pub from: usize,
    /// First position of the string (1-based).
    pub start: usize,
    /// Length of the string.
    pub len: usize,
    /// Whether the string is inserted in reverse order.
    pub reversed: bool,
    /// Target route.
    pub to: usize,
    /// The string goes after this position of the target route.
    pub after: usize,
}

/// The best improving relocation of a string starting at `u` to just after
/// or just before `v`, for strings of up to `max_len` jobs.
pub fn evaluate(state: &SearchState<'_>, u: JobId, v: JobId, max_len: usize) -> Option<Candidate> {
    let (pu, pv) = (state.position(u)?, state.position(v)?);
    let mut best = None;
    for len in 1..=max_len {
        if pu.position + len - 1 > state.route(pu.route).len() {
            break;
        }
        for reversed in [false, true] {
            if reversed && len == 1 {
                continue;
            }
            for after in [pv.position, pv.position - 1] {
                let mv = Relocate {
                    from: pu.route,
                    start: pu.position,
                    len,
                    reversed,
                    to: pv.route,
                    after,
                };
                Candidate::keep_best(
                    &mut best,
                    delta_pruned(state, &mv, true),
                    Move::Relocate(mv),
                );
            }
        }
    }
    best
}

/// The best improving relocation of a string starting at `u` into the empty
/// route `empty`.
pub fn evaluate_into_empty(
    state: &SearchState<'_>,
    u: JobId,
    empty: usize,
    max_len: usize,
) -> Option<Candidate> {
    let pu = state.position(u)?;
    let mut best = None;
    for len in 1..=max_len {
        if pu.position + len - 1 > state.route(pu.route).len() {
            break;
        }
        let mv = Relocate {
            from: pu.route,
            start: pu.position,
            len,
            reversed: false,
            to: empty,
            after: 0,
        };
        Candidate::keep_best(
            &mut best,
            delta_pruned(state, &mv, true),
            Move::Relocate(mv),
        );
    }
    best
}

/// Predicted change of the penalised cost (exact for any move), `None` if the move is a no-op or
/// does not fit the routes.
pub fn delta(state: &SearchState<'_>, m: &Relocate) -> Option<i64> {
    delta_pruned(state, m, false)
}

/// As [`delta`], but with `prune` returns `None` as soon as the distance
/// change shows that the move cannot improve.
pub(crate) fn delta_pruned(state: &SearchState<'_>, m: &Relocate, prune: bool) -> Option<i64> {
    let problem = state.problem();
    let from = state.route(m.from);
    let end = m.start + m.len - 1;
    if m.len == 0 || m.start == 0 || end > from.len() {
        return None;
    }
    let outline = from.outline_between(problem, m.start, end, m.reversed);
    // The string is driven in the profile of the route it goes to.
    let string = |profile| from.between_in(problem, m.start, end, m.reversed, profile);
    if m.from != m.to {
        let to = state.route(m.to);
        if m.after > to.len() {
            return None;
        }
        let (before, after) = (from.before(m.start - 1), from.after(end + 1));
        let (head, tail) = (to.before(m.after), to.after(m.after + 1));
        if prune
            && two_routes_cannot_improve(
                state,
                (m.from, &[before.outline(), after.outline()]),
                (m.to, &[head.outline(), outline, tail.outline()]),
            )
        {
            return None;
        }
        let new_to = [head, string(to.profile()), tail];
        return Some(two_route_delta(
            state,
            (m.from, &[before, after]),
            (m.to, &new_to),
        ));
    }
    // Inside one route: the insertion point must lie outside the string.
    if m.after + 1 >= m.start && m.after <= end {
        return None;
    }
    if m.after > from.len() {
        return None;
    }
    // The jobs between the string and the insertion point stay in order;
    // the string goes before them when moved towards the start.
    let forward = m.after > end;
    let (head, middle, tail) = if forward {
        (m.start - 1, (end + 1, m.after), m.after + 1)
    } else {
        (m.after, (m.after + 1, m.start - 1), end + 1)
    };
    let outlines = arrange(
        forward,
        [
            from.before(head).outline(),
            outline,
            from.outline_between(problem, middle.0, middle.1, false),
            from.after(tail).outline(),
        ],
    );
    if prune && one_route_cannot_improve(state, m.from, &outlines) {
        return None;
    }
    let pieces = arrange(
        forward,
        [
            from.before(head),
            string(from.profile()),
            from.between(problem, middle.0, middle.1, false),
            from.after(tail),
        ],
    );
    Some(one_route_delta(state, m.from, &pieces))
}

/// A route inside which a string moves, given as head, string, middle
/// (the jobs it passes) and tail: the string after the middle when it
/// moves `forward`, before it otherwise.
#[inline(always)]
fn arrange<T>(forward: bool, [head, string, middle, tail]: [T; 4]) -> [T; 4] {
    if forward {
        [head, middle, string, tail]
    } else {
        [head, string, middle, tail]
    }
}

/// Performs the move.
pub fn apply(state: &mut SearchState<'_>, m: &Relocate) {
    let mut string: Vec<JobId> = state
        .jobs_mut(m.from)
        .drain(m.start - 1..m.start - 1 + m.len)
        .collect();
    if m.reversed {
        string.reverse();
    }
    let mut at = m.after;
    if m.from == m.to && m.after > m.start {
        at -= m.len;
    }
    state.jobs_mut(m.to).splice(at..at, string);
    state.refresh(&[m.from, m.to]);
}
