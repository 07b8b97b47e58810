//! Local search operators.
//!
//! An operator is one file: a move type that implements [`Operator`] (find
//! the best improving move for a pair of jobs, describe the routes a move
//! makes, apply it), and one line in the `operators!` list below, which
//! declares the module and gives the order in which the local search tries
//! the operators.
//!
//! A move describes the routes it makes once, as [`shape::Part`]s of the
//! current routes; [`shape::reshape_one`] and [`shape::reshape_two`] turns that one description into both
//! the pruning bound (from outlines: the change in distance alone, exiting
//! when even removing all current penalties could not make the move
//! improve) and the exact change of the penalised cost (from pieces, O(1)
//! for heads and tails, O(k) for strings of k jobs). Operators read the
//! state through `&` (so candidates can be evaluated in parallel) and know
//! nothing of constraints.

pub mod shape;

use super::state::SearchState;
use crate::problem::JobId;

/// A kind of move: how to find one, what it costs, how to perform it.
pub trait Operator: Copy + std::fmt::Debug + Into<Move> {
    /// The best improving move of this kind for job `u` and its neighbour
    /// `v` (strings of up to `max_string` jobs), with its predicted change.
    fn best_for_pair(
        state: &SearchState<'_>,
        u: JobId,
        v: JobId,
        max_string: usize,
    ) -> Option<Candidate>;

    /// The best improving move of this kind that takes jobs starting at
    /// `u` into the empty route `empty`. None by default.
    fn best_into_empty(
        state: &SearchState<'_>,
        u: JobId,
        empty: usize,
        max_string: usize,
    ) -> Option<Candidate> {
        let _ = (state, u, empty, max_string);
        None
    }

    /// The predicted change of the penalised cost, or `None` when the move
    /// does not apply to this state; with `prune`, also `None` when the
    /// distance bound shows it cannot improve (see [`shape::reshape_one`] and [`shape::reshape_two`]).
    fn delta_pruned(&self, state: &SearchState<'_>, prune: bool) -> Option<i64>;

    /// Performs the move.
    fn apply(&self, state: &mut SearchState<'_>);

    /// The routes the move changes.
    fn routes(&self) -> [usize; 2];
}

/// Declares the operator modules and the [`Move`] enum over their move
/// types, in the order the local search tries them: one line per operator.
macro_rules! operators {
    ($($(#[$doc:meta])* $variant:ident($module:ident::$kind:ident),)+) => {
        $($(#[$doc])* pub mod $module;)+

        /// A move any operator can propose.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Move {
            $(
                #[doc = concat!("See [`", stringify!($module), "::", stringify!($kind), "`].")]
                $variant($module::$kind),
            )+
        }

        $(
            impl From<$module::$kind> for Move {
                #[inline(always)]
                fn from(m: $module::$kind) -> Move {
                    Move::$variant(m)
                }
            }
        )+

        /// Number of operators.
        pub const OPERATORS: usize = [$(stringify!($variant)),+].len();

        impl Move {
            /// The predicted change of the penalised cost (exact), or
            /// `None` when the move does not apply to this state.
            pub fn delta(&self, state: &SearchState<'_>) -> Option<i64> {
                match self {
                    $(Move::$variant(m) => m.delta_pruned(state, false),)+
                }
            }

            /// As [`delta`](Self::delta), but `None` also when the
            /// distance bound shows the move cannot improve (what the
            /// local search evaluates; see [`Operator::delta_pruned`]).
            pub fn delta_pruned(&self, state: &SearchState<'_>) -> Option<i64> {
                match self {
                    $(Move::$variant(m) => m.delta_pruned(state, true),)+
                }
            }

            /// Performs the move.
            pub fn apply(&self, state: &mut SearchState<'_>) {
                match self {
                    $(Move::$variant(m) => m.apply(state),)+
                }
            }

            /// The routes the move changes.
            pub fn routes(&self) -> [usize; 2] {
                match self {
                    $(Move::$variant(m) => m.routes(),)+
                }
            }

            /// The best improving move for the pair `(u, v)` of the first
            /// operator, in list order, that has one.
            #[inline]
            pub fn first_improving(
                state: &SearchState<'_>,
                u: JobId,
                v: JobId,
                max_string: usize,
            ) -> Option<Candidate> {
                None$(.or_else(|| $module::$kind::best_for_pair(state, u, v, max_string)))+
            }

            /// True when some operator has an improving move for `(u, v)`
            /// (every operator is evaluated).
            pub fn any_improving(
                state: &SearchState<'_>,
                u: JobId,
                v: JobId,
                max_string: usize,
            ) -> bool {
                let found = [$($module::$kind::best_for_pair(state, u, v, max_string).is_some()),+];
                found.contains(&true)
            }

            /// The best improving move, over all operators, that takes
            /// jobs starting at `u` into the empty route `empty` (ties go
            /// to the first operator).
            pub fn best_into_empty(
                state: &SearchState<'_>,
                u: JobId,
                empty: usize,
                max_string: usize,
            ) -> Option<Candidate> {
                let mut best: Option<Candidate> = None;
                $(
                    if let Some(c) = $module::$kind::best_into_empty(state, u, empty, max_string) {
                        if best.is_none_or(|b| c.delta < b.delta) {
                            best = Some(c);
                        }
                    }
                )+
                best
            }
        }
    };
}

operators! {
    /// Relocate and or-opt: move a string of 1–3 jobs.
    Relocate(relocate::Relocate),
    /// Swap strings between two routes.
    Swap(swap::Swap),
    /// 2-opt* between routes: exchange their tails.
    TwoOptStar(two_opt_star::TwoOptStar),
    /// 2-opt inside a route: reverse a stretch.
    TwoOpt(two_opt::TwoOpt),
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
    /// Keeps the better (more negative) of `best` and move `mv`, when `mv`
    /// improves (evaluated with pruning).
    #[inline(always)]
    pub(crate) fn keep_best<O: Operator>(
        best: &mut Option<Candidate>,
        state: &SearchState<'_>,
        mv: O,
    ) {
        if let Some(delta) = mv.delta_pruned(state, true) {
            if delta < 0 && best.is_none_or(|b| delta < b.delta) {
                *best = Some(Candidate {
                    delta,
                    mv: mv.into(),
                });
            }
        }
    }
}
