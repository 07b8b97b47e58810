//! Relocate and or-opt: move a string of 1–3 consecutive jobs, possibly
//! reversed, to another place in the same or another route, including an
//! empty vehicle.

use super::shape::{reshape_one, reshape_two, Head, NewRoute, Stretch, Tail};
use super::{Candidate, Operator};
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

impl Operator for Relocate {
    /// The best improving relocation of a string starting at `u` to just
    /// after or just before `v`, for strings of up to `max_string` jobs.
    fn best_for_pair(
        state: &SearchState<'_>,
        u: JobId,
        v: JobId,
        max_string: usize,
    ) -> Option<Candidate> {
        let (pu, pv) = (state.position(u)?, state.position(v)?);
        let mut best = None;
        for len in 1..=max_string {
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
                    Candidate::keep_best(&mut best, state, mv);
                }
            }
        }
        best
    }

    /// The best improving relocation of a string starting at `u` into the
    /// empty route `empty`.
    fn best_into_empty(
        state: &SearchState<'_>,
        u: JobId,
        empty: usize,
        max_string: usize,
    ) -> Option<Candidate> {
        let pu = state.position(u)?;
        let mut best = None;
        for len in 1..=max_string {
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
            Candidate::keep_best(&mut best, state, mv);
        }
        best
    }

    /// `None` when the move is a no-op or does not fit the routes.
    #[inline]
    fn delta_pruned(&self, state: &SearchState<'_>, prune: bool) -> Option<i64> {
        let m = self;
        let from = state.route(m.from);
        let end = m.start + m.len - 1;
        if m.len == 0 || m.start == 0 || end > from.len() {
            return None;
        }
        let string = Stretch {
            route: m.from,
            from: m.start,
            to: end,
            reversed: m.reversed,
        };
        if m.from != m.to {
            if m.after > state.route(m.to).len() {
                return None;
            }
            let new_from = (head(m.from, m.start - 1), tail(m.from, end + 1));
            let new_to = (head(m.to, m.after), string, tail(m.to, m.after + 1));
            return reshape_two(state, prune, NewRoute::new(m.from, new_from), NewRoute::new(m.to, new_to));
        }
        // Inside one route: the insertion point must lie outside the string.
        if m.after + 1 >= m.start && m.after <= end {
            return None;
        }
        if m.after > from.len() {
            return None;
        }
        // The jobs between the string and the insertion point stay in
        // order; the string goes before them when moved towards the start.
        let forward = m.after > end;
        let (head_end, middle, tail_start) = if forward {
            (m.start - 1, (end + 1, m.after), m.after + 1)
        } else {
            (m.after, (m.after + 1, m.start - 1), end + 1)
        };
        let middle = Stretch {
            route: m.from,
            from: middle.0,
            to: middle.1,
            reversed: false,
        };
        let (first, last) = (head(m.from, head_end), tail(m.from, tail_start));
        let parts = if forward {
            (first, middle, string, last)
        } else {
            (first, string, middle, last)
        };
        reshape_one(state, prune, NewRoute::new(m.from, parts))
    }

    fn apply(&self, state: &mut SearchState<'_>) {
        let m = self;
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

    fn routes(&self) -> [usize; 2] {
        [self.from, self.to]
    }
}

/// Positions `0..=last` of `route`.
#[inline(always)]
fn head(route: usize, last: usize) -> Head {
    Head { route, last }
}

/// Positions `first..` of `route`, end depot included.
#[inline(always)]
fn tail(route: usize, first: usize) -> Tail {
    Tail { route, first }
}
