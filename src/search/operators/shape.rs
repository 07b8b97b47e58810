//! The shape of a move: every route it changes, written as the parts of
//! the current routes the new route is made of. One description gives both
//! the pruning bound (from [`Outline`]s, cheap) and the exact change of the
//! penalised cost (from [`Piece`]s), so an operator writes its move once.
//!
//! A part taken from a route other than the one it goes into is costed for
//! the vehicle of the route it goes into (its depots, shift and travel-time
//! profile): moving pieces between vehicle types is handled here, not in
//! each operator.

use crate::eval::{Outline, Piece};

use crate::search::state::SearchState;

/// A stretch of a current route that becomes part of a new route: its
/// piece as driven in the new route, and the outline of that piece.
pub trait Part: Copy {
    /// The part as a piece of the new route that replaces route `into`.
    fn piece(self, state: &SearchState<'_>, into: usize) -> Piece;

    /// The outline of [`piece`](Self::piece), cheaper to get.
    fn outline(self, state: &SearchState<'_>, into: usize) -> Outline;
}

/// Positions `0..=last` of `route`: its start depot and first jobs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Head {
    /// The route it is taken from.
    pub route: usize,
    /// Its last position (0: the depot alone).
    pub last: usize,
}

/// Positions `first..=len + 1` of `route`: its last jobs and end depot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tail {
    /// The route it is taken from.
    pub route: usize,
    /// Its first position (`len + 1`: the depot alone).
    pub first: usize,
}

/// Positions `from..=to` of `route` (`1 <= from <= to <= len`), in order
/// or reversed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stretch {
    /// The route it is taken from.
    pub route: usize,
    /// First position.
    pub from: usize,
    /// Last position.
    pub to: usize,
    /// Whether it is driven backwards.
    pub reversed: bool,
}

impl Part for Head {
    /// O(1) when `into` is the route itself or has the same ends, O(length)
    /// otherwise (the jobs behind the start depot of `into`).
    #[inline(always)]
    fn piece(self, state: &SearchState<'_>, into: usize) -> Piece {
        let source = state.route(self.route);
        if same_ends(state, self.route, into) {
            return source.before(self.last);
        }
        let problem = state.problem();
        let target = state.route(into);
        let start = target.stop(0);
        if self.last == 0 {
            return start;
        }
        let inner = source.between_in(problem, 1, self.last, false, target.profile());
        start.then(problem, &inner)
    }

    #[inline(always)]
    fn outline(self, state: &SearchState<'_>, into: usize) -> Outline {
        let source = state.route(self.route);
        if same_ends(state, self.route, into) {
            return source.before(self.last).outline();
        }
        let problem = state.problem();
        let start = state.route(into).stop(0).outline();
        if self.last == 0 {
            return start;
        }
        let inner = source.outline_between(problem, 1, self.last, false);
        Outline {
            first: start.first,
            distance: problem.distance(start.last, inner.first) + inner.distance,
            ..inner
        }
    }
}

impl Part for Tail {
    /// O(1) when `into` is the route itself or has the same ends, O(length)
    /// otherwise (the jobs before the end depot of `into`).
    #[inline(always)]
    fn piece(self, state: &SearchState<'_>, into: usize) -> Piece {
        let source = state.route(self.route);
        if same_ends(state, self.route, into) {
            return source.after(self.first);
        }
        let problem = state.problem();
        let target = state.route(into);
        let end = target.stop(target.len() + 1);
        if self.first > source.len() {
            return end;
        }
        source
            .between_in(problem, self.first, source.len(), false, target.profile())
            .then(problem, &end)
    }

    #[inline(always)]
    fn outline(self, state: &SearchState<'_>, into: usize) -> Outline {
        let source = state.route(self.route);
        if same_ends(state, self.route, into) {
            return source.after(self.first).outline();
        }
        let problem = state.problem();
        let target = state.route(into);
        let end = target.stop(target.len() + 1).outline();
        if self.first > source.len() {
            return end;
        }
        let inner = source.outline_between(problem, self.first, source.len(), false);
        Outline {
            last: end.last,
            distance: inner.distance + problem.distance(inner.last, end.first),
            ..inner
        }
    }
}

impl Part for Stretch {
    /// O(length), driven in the travel-time profile of `into`.
    #[inline(always)]
    fn piece(self, state: &SearchState<'_>, into: usize) -> Piece {
        state.route(self.route).between_in(
            state.problem(),
            self.from,
            self.to,
            self.reversed,
            state.route(into).profile(),
        )
    }

    /// O(1) in order, O(length) distance lookups reversed.
    #[inline(always)]
    fn outline(self, state: &SearchState<'_>, _into: usize) -> Outline {
        state
            .route(self.route)
            .outline_between(state.problem(), self.from, self.to, self.reversed)
    }
}

/// True when routes `a` and `b` begin and end the same way: the same route
/// or vehicle type, or depot stops that are equal as pieces (location,
/// shift, travel profile, and whatever a depot piece comes to hold), so
/// that a piece of one is costed the same in the other. This is the one
/// place where the search compares the ends of routes.
#[inline(always)]
fn same_ends(state: &SearchState<'_>, a: usize, b: usize) -> bool {
    if a == b {
        return true;
    }
    let (ra, rb) = (state.route(a), state.route(b));
    ra.vehicle_type() == rb.vehicle_type()
        || (ra.stop(0) == rb.stop(0) && ra.stop(ra.len() + 1) == rb.stop(rb.len() + 1))
}

/// The parts of a new route, in order: a tuple of two to five [`Part`]s
/// (the first starts at a start depot, the last ends at an end depot).
pub trait Parts: Copy {
    /// The parts joined into one piece, for the vehicle of route `into`.
    fn joined(self, state: &SearchState<'_>, into: usize) -> Piece;

    /// The number of jobs and the distance of the route the parts make,
    /// from outlines.
    fn jobs_and_distance(self, state: &SearchState<'_>, into: usize) -> (u32, i64);
}

macro_rules! parts_tuple {
    ($first:ident $first_index:tt $(, $name:ident $index:tt)+) => {
        impl<$first: Part $(, $name: Part)+> Parts for ($first, $($name),+) {
            #[inline(always)]
            fn joined(self, state: &SearchState<'_>, into: usize) -> Piece {
                let problem = state.problem();
                let whole = self.$first_index.piece(state, into);
                $(let whole = whole.then(problem, &self.$index.piece(state, into));)+
                whole
            }

            #[inline(always)]
            fn jobs_and_distance(self, state: &SearchState<'_>, into: usize) -> (u32, i64) {
                let problem = state.problem();
                let first = self.$first_index.outline(state, into);
                let (mut jobs, mut distance, mut last) =
                    (first.jobs, first.distance.get(), first.last);
                $(
                    let next = self.$index.outline(state, into);
                    jobs += next.jobs;
                    distance += problem.distance(last, next.first).get() + next.distance.get();
                    last = next.last;
                )+
                let _ = last;
                (jobs, distance)
            }
        }
    };
}

parts_tuple!(A 0, B 1);
parts_tuple!(A 0, B 1, C 2);
parts_tuple!(A 0, B 1, C 2, D 3);
parts_tuple!(A 0, B 1, C 2, D 3, E 4);

/// A route after a move: the route it replaces (whose vehicle drives it)
/// and the parts it is made of.
#[derive(Clone, Copy, Debug)]
pub struct NewRoute<P: Parts> {
    /// The route index it replaces.
    pub route: usize,
    /// Its parts, in order.
    pub parts: P,
}

impl<P: Parts> NewRoute<P> {
    /// Route `route` made of `parts`.
    #[inline(always)]
    pub fn new(route: usize, parts: P) -> NewRoute<P> {
        NewRoute { route, parts }
    }

    /// The penalised cost of the route, for its vehicle.
    #[inline(always)]
    pub fn cost(&self, state: &SearchState<'_>) -> i64 {
        let whole = self.parts.joined(state, self.route);
        whole.route_cost(state.route(self.route).vehicle(), state.penalties())
    }

    /// A lower bound of [`cost`](Self::cost) from distances alone: the
    /// vehicle's fixed cost plus its distance cost (zero for a route
    /// without jobs).
    #[inline(always)]
    pub fn lower_bound(&self, state: &SearchState<'_>) -> i64 {
        let (jobs, distance) = self.parts.jobs_and_distance(state, self.route);
        let weights = &state.route(self.route).vehicle().weights;
        if jobs == 0 {
            0
        } else {
            weights.fixed + weights.per_distance * distance
        }
    }

    /// The route's current penalised cost.
    #[inline(always)]
    fn old_cost(&self, state: &SearchState<'_>) -> i64 {
        state.route(self.route).cost()
    }
}
/// The change of the penalised cost when route `new.route` becomes the
/// route made of `new.parts`. With `prune`, returns `None` when the change
/// of distance alone shows the move cannot improve, even if every current
/// penalty and time cost of the route vanished; the pieces are assembled
/// only after that test.
#[inline(always)]
pub fn reshape_one<P: Parts>(
    state: &SearchState<'_>,
    prune: bool,
    new: NewRoute<P>,
) -> Option<i64> {
    let old = new.old_cost(state);
    if prune && new.lower_bound(state) - old >= 0 {
        return None;
    }
    Some(new.cost(state) - old)
}

/// As [`reshape_one`] for a move that changes two distinct routes.
#[inline(always)]
pub fn reshape_two<A: Parts, B: Parts>(
    state: &SearchState<'_>,
    prune: bool,
    a: NewRoute<A>,
    b: NewRoute<B>,
) -> Option<i64> {
    let old = a.old_cost(state) + b.old_cost(state);
    if prune && a.lower_bound(state) + b.lower_bound(state) - old >= 0 {
        return None;
    }
    Some(a.cost(state) + b.cost(state) - old)
}
