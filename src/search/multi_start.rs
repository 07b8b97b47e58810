//! Savings + local search from several starts, run in parallel.
//!
//! Each start builds a savings solution with its own shape parameter λ and
//! improves it with [`LocalSearch::improve_with_route_elimination`] (visiting
//! order seeded per start). Starts are independent, so `threads` workers run
//! them at once and the best result is kept (ties go to the lower start
//! index): the result depends on the number of starts, never on the number
//! of threads.
//!
//! Measured on the 56 Solomon instances (one thread): one start reaches a
//! mean gap of 4.9%, two 4.0%, four 3.4%, eight 2.9%. Parallelising inside one
//! descent (evaluating candidate batches) was not chosen: a descent from
//! savings applies a move every few hundred evaluations, leaving little to
//! batch, while independent starts scale with no coordination at all.

use super::local_search::{LocalSearch, LocalSearchConfig, LocalSearchStats};
use crate::construct::{savings, SavingsConfig};
use crate::objective::{mandatory_unassigned, value};
use crate::problem::Problem;
use crate::solution::Solution;
use rayon::prelude::*;

/// Shape parameters of the savings starts, in the order they are used.
pub const SAVINGS_SHAPES: [f64; 8] = [1.0, 1.4, 0.8, 1.8, 1.2, 0.6, 1.6, 2.0];

/// Configuration of [`improve_from_savings`].
#[derive(Clone, Debug, PartialEq)]
pub struct MultiStartConfig {
    /// Number of independent starts (cycling through [`SAVINGS_SHAPES`]).
    pub starts: usize,
    /// Worker threads (1 runs everything on the calling thread).
    pub threads: usize,
    /// Local search settings; each start uses `seed + start index`.
    pub local_search: LocalSearchConfig,
}

impl Default for MultiStartConfig {
    fn default() -> MultiStartConfig {
        MultiStartConfig {
            starts: 8,
            threads: 1,
            local_search: LocalSearchConfig::default(),
        }
    }
}

/// The best solution over all starts and the summed statistics.
pub fn improve_from_savings(
    problem: &Problem,
    config: &MultiStartConfig,
) -> (Solution, LocalSearchStats) {
    let search = LocalSearch::new(problem, config.local_search.clone());
    let penalties = config.local_search.objective.penalties(problem);
    let run = |start: usize| {
        let shape = SAVINGS_SHAPES[start % SAVINGS_SHAPES.len()];
        let initial = savings(
            problem,
            &SavingsConfig {
                shape,
                ..SavingsConfig::default()
            },
        );
        let seeded =
            LocalSearch::with_seed(&search, config.local_search.seed.wrapping_add(start as u64));
        let (solution, stats) = seeded.improve_with_route_elimination(problem, &initial);
        (start, solution, stats)
    };
    let starts = config.starts.max(1);
    let results: Vec<(usize, Solution, LocalSearchStats)> = if config.threads <= 1 {
        (0..starts).map(run).collect()
    } else {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(config.threads)
            .build()
            .expect("a thread pool of the requested size");
        pool.install(|| (0..starts).into_par_iter().map(run).collect())
    };
    let mut total = LocalSearchStats::default();
    for (_, _, stats) in &results {
        total.moves += stats.moves;
        total.passes += stats.passes;
        total.evaluations += stats.evaluations;
    }
    let (_, best, _) = results
        .into_iter()
        .min_by_key(|(start, solution, _)| {
            (
                mandatory_unassigned(problem, solution.unassigned()),
                value(problem, solution, &penalties),
                *start,
            )
        })
        .expect("at least one start");
    (best, total)
}
