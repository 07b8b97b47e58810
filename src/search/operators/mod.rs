//! Local search operators. Each module has an `evaluate` that reads the
//! state through `&` (so candidates can be evaluated in parallel) and returns
//! the best improving move for a pair of jobs, and an `apply` that performs a
//! move through `&mut`.
//!
//! Evaluation costs routes assembled from cached pieces in O(1) (strings of
//! up to three jobs are assembled explicitly; intra-route moves walk the part
//! of the route between the two jobs). Every evaluation first bounds the gain
//! by the change in distance alone, from [`Outline`]s (end locations and
//! distances, O(1) for strings in order), and exits when even removing all
//! current penalties could not make the move improve; only then are the
//! strings' pieces assembled.
//!
//! [`Outline`]: super::Outline

pub mod relocate;
pub mod swap;
pub mod two_opt;
pub mod two_opt_star;

use super::state::SearchState;
use crate::eval::{Outline, Piece, RouteVehicle};
use crate::problem::Problem;

/// A move any operator can propose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// See [`relocate::Relocate`].
    Relocate(relocate::Relocate),
    /// See [`swap::Swap`].
    Swap(swap::Swap),
    /// See [`two_opt::TwoOpt`].
    TwoOpt(two_opt::TwoOpt),
    /// See [`two_opt_star::TwoOptStar`].
    TwoOptStar(two_opt_star::TwoOptStar),
}

impl Move {
    /// The predicted change of the penalised cost, or `None` when the move
    /// does not apply to this state.
    pub fn delta(&self, state: &SearchState<'_>) -> Option<i64> {
        match self {
            Move::Relocate(m) => relocate::delta(state, m),
            Move::Swap(m) => swap::delta(state, m),
            Move::TwoOpt(m) => two_opt::delta(state, m),
            Move::TwoOptStar(m) => two_opt_star::delta(state, m),
        }
    }

    /// Performs the move.
    pub fn apply(&self, state: &mut SearchState<'_>) {
        match self {
            Move::Relocate(m) => relocate::apply(state, m),
            Move::Swap(m) => swap::apply(state, m),
            Move::TwoOpt(m) => two_opt::apply(state, m),
            Move::TwoOptStar(m) => two_opt_star::apply(state, m),
        }
    }

    /// The routes the move changes.
    pub fn routes(&self) -> [usize; 2] {
        match *self {
            Move::Relocate(m) => [m.from, m.to],
            Move::Swap(m) => [m.a, m.b],
            Move::TwoOpt(m) => [m.route, m.route],
            Move::TwoOptStar(m) => [m.a, m.b],
        }
    }
}

/// An improving move and its predicted change of the penalised cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Predicted change (negative: improving).
    pub delta: i64,
    /// The move.
    pub mv: Move,
}

impl Candidate {
    /// Keeps the better (more negative) of `best` and a new improving move.
    pub(crate) fn keep_best(best: &mut Option<Candidate>, delta: Option<i64>, mv: Move) {
        if let Some(delta) = delta {
            if delta < 0 && best.is_none_or(|b| delta < b.delta) {
                *best = Some(Candidate { delta, mv });
            }
        }
    }
}

/// Distance of the route formed by pieces with these `outlines`.
#[inline]
pub(crate) fn distance_of(problem: &Problem, outlines: &[Outline]) -> i64 {
    let inside: i64 = outlines.iter().map(|p| p.distance.get()).sum();
    let arcs: i64 = outlines
        .windows(2)
        .map(|w| problem.distance(w[0].last, w[1].first).get())
        .sum();
    inside + arcs
}

/// A lower bound of the cost [`Piece::route_cost`] gives the route made of
/// pieces with these `outlines` (driven by `vehicle`), from distances alone:
/// its fixed cost plus its distance cost (zero for a route without jobs).
#[inline]
fn route_lower_bound(problem: &Problem, vehicle: &RouteVehicle, outlines: &[Outline]) -> i64 {
    if outlines.iter().all(|p| p.jobs == 0) {
        0
    } else {
        vehicle.weights.fixed + vehicle.weights.per_distance * distance_of(problem, outlines)
    }
}

/// True when routes `a` and `b` becoming routes with outlines `new_a` and
/// `new_b` cannot lower the penalised cost: the distance change alone
/// shows it, even if all current penalties and time costs of both routes
/// vanished. Checked before the pieces of the move are assembled.
#[inline(always)]
pub(crate) fn two_routes_cannot_improve(
    state: &SearchState<'_>,
    (a, new_a): (usize, &[Outline]),
    (b, new_b): (usize, &[Outline]),
) -> bool {
    let problem = state.problem();
    let (old_a, old_b) = (state.route(a), state.route(b));
    route_lower_bound(problem, old_a.vehicle(), new_a)
        + route_lower_bound(problem, old_b.vehicle(), new_b)
        - old_a.cost()
        - old_b.cost()
        >= 0
}

/// As [`two_routes_cannot_improve`] for a move inside one route.
#[inline(always)]
pub(crate) fn one_route_cannot_improve(
    state: &SearchState<'_>,
    route: usize,
    outlines: &[Outline],
) -> bool {
    let old = state.route(route);
    route_lower_bound(state.problem(), old.vehicle(), outlines) - old.cost() >= 0
}

/// The change of the penalised cost when routes `a` and `b` become the
/// routes made of `new_a` and `new_b`.
#[inline(always)]
pub(crate) fn two_route_delta(
    state: &SearchState<'_>,
    (a, new_a): (usize, &[Piece]),
    (b, new_b): (usize, &[Piece]),
) -> i64 {
    let (old_a, old_b) = (state.route(a), state.route(b));
    cost_of(state, a, new_a) + cost_of(state, b, new_b) - old_a.cost() - old_b.cost()
}

/// As [`two_route_delta`] for a move inside one route.
#[inline(always)]
pub(crate) fn one_route_delta(state: &SearchState<'_>, route: usize, pieces: &[Piece]) -> i64 {
    cost_of(state, route, pieces) - state.route(route).cost()
}

/// The penalised cost of the route made of `pieces`, driven by the vehicle
/// of route `route`.
#[inline]
fn cost_of(state: &SearchState<'_>, route: usize, pieces: &[Piece]) -> i64 {
    crate::eval::joined_cost(
        state.problem(),
        state.route(route).vehicle(),
        state.penalties(),
        pieces,
    )
}
