//! [`Solver`]: the whole pipeline behind a small builder.
//!
//! 1. Savings from several shapes, each improved by local search
//!    ([`improve_from_savings`]).
//! 2. Ruin & recreate with simulated annealing
//!    ([`annealing`](crate::search::annealing)) from the best of those, in
//!    `threads` independent runs with seeds `seed, seed + 1, ...`.
//! 3. The best run's solution, polished by one more local search.
//!
//! With an iteration limit (and no time limit) the result depends only on
//! the problem, seed, thread count and limits.
//!
//! Defaults (tuned on the Solomon and X sets at 5–30 s per instance):
//! 8 savings starts; string removals of about 10 jobs, strings of at most
//! 10 (SISR's c̄ and L_max) around a seed job's 50 nearest neighbours;
//! insertion blinks with probability 0.01; annealing temperature from 2.5
//! to 0.025 times the start's mean arc length, falling geometrically with
//! the budget used. Vehicles first: route removal (SISR fleet minimisation
//! with absence counters) gets at least 25% and at most 80% of the budget,
//! and stops early once it has run three times as long as it took to remove
//! its last route; distance annealing at that fleet size gets the rest.
//!
//! ```
//! use lastmile::generate::{generate, GeneratorConfig, Layout};
//! use lastmile::{Objective, Solver};
//!
//! let problem = generate(&GeneratorConfig::new(Layout::Random, 40, 3)).to_problem(lastmile::Rounding::Dimacs)?;
//! let result = Solver::new()
//!     .iteration_limit(2_000)
//!     .seed(7)
//!     .objective(Objective::Distance)
//!     .solve(&problem);
//! assert!(lastmile::check(&problem, &result.solution).is_feasible());
//! println!("{} iterations, best after {:?}", result.stats.iterations, result.stats.time_to_best);
//! # Ok::<(), lastmile::ModelError>(())
//! ```

pub use crate::objective::Objective;
use crate::problem::Problem;
use crate::search::annealing::{anneal, AnnealingConfig, Limits, StopReason};
use crate::search::{
    improve_from_savings, LocalSearch, LocalSearchConfig, MultiStartConfig, Neighbours,
};
use crate::solution::Solution;
use crate::units::{Cost, Distance};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A snapshot reported to the progress callback when the best improves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Iteration of the run that improved.
    pub iteration: u64,
    /// Distance of the new best.
    pub distance: Distance,
    /// Vehicle costs of the new best (cost units).
    pub cost: Cost,
    /// Routes of the new best.
    pub vehicles: usize,
    /// Time since `solve` started.
    pub elapsed: Duration,
}

/// Statistics of a solve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SolveStats {
    /// Metaheuristic iterations over all threads.
    pub iterations: u64,
    /// When the returned solution was found, from the start of `solve`.
    pub time_to_best: Duration,
    /// Total time of `solve`.
    pub elapsed: Duration,
    /// Why the search stopped (that of the first thread).
    pub stop_reason: StopReason,
}

/// The best solution and how the solve went.
#[derive(Clone, Debug)]
pub struct SolveResult {
    /// Best feasible solution found (jobs no vehicle can serve are listed
    /// as unassigned with their reason).
    pub solution: Solution,
    /// Statistics.
    pub stats: SolveStats,
}

/// Settings of the solver; see the builder methods of [`Solver`].
#[derive(Clone, Debug, PartialEq)]
pub struct SolverConfig {
    /// Stop conditions (whichever comes first).
    pub limits: Limits,
    /// Random seed.
    pub seed: u64,
    /// Independent annealing runs in parallel.
    pub threads: usize,
    /// What to minimise.
    pub objective: Objective,
    /// Savings starts improved by local search before the annealing.
    pub starts: usize,
    /// Neighbour list length used by the string removals.
    pub ruin_neighbours: usize,
    /// Annealing parameters.
    pub annealing: AnnealingConfig,
}

impl Default for SolverConfig {
    fn default() -> SolverConfig {
        SolverConfig {
            limits: Limits::default(),
            seed: 1,
            threads: 1,
            objective: Objective::Distance,
            starts: 8,
            ruin_neighbours: 50,
            annealing: AnnealingConfig::default(),
        }
    }
}

type ProgressCallback = Arc<dyn Fn(&Progress) + Send + Sync>;

/// Solves problems; configure with the builder methods, then call
/// [`solve`](Solver::solve). Without any limit it stops after 10,000
/// iterations without improvement.
#[derive(Clone, Default)]
pub struct Solver {
    config: SolverConfig,
    progress: Option<ProgressCallback>,
}

impl std::fmt::Debug for Solver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Solver")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Solver {
    /// A solver with default settings.
    pub fn new() -> Solver {
        Solver::default()
    }

    /// A solver with the given settings.
    pub fn with_config(config: SolverConfig) -> Solver {
        Solver {
            config,
            progress: None,
        }
    }

    /// The settings.
    pub fn config(&self) -> &SolverConfig {
        &self.config
    }

    /// Stops after this much wall time.
    pub fn time_limit(mut self, limit: Duration) -> Solver {
        self.config.limits.time = Some(limit);
        self
    }

    /// Stops after this many iterations (per thread).
    pub fn iteration_limit(mut self, iterations: u64) -> Solver {
        self.config.limits.iterations = Some(iterations);
        self
    }

    /// Stops after this many iterations without a new best (per thread).
    pub fn no_improvement_limit(mut self, iterations: u64) -> Solver {
        self.config.limits.without_improvement = Some(iterations);
        self
    }

    /// Sets the random seed.
    pub fn seed(mut self, seed: u64) -> Solver {
        self.config.seed = seed;
        self
    }

    /// Runs this many independent searches in parallel (at least 1).
    pub fn threads(mut self, threads: usize) -> Solver {
        self.config.threads = threads.max(1);
        self
    }

    /// Sets the objective.
    pub fn objective(mut self, objective: Objective) -> Solver {
        self.config.objective = objective;
        self
    }

    /// Calls `callback` whenever the best solution improves.
    pub fn on_progress(mut self, callback: impl Fn(&Progress) + Send + Sync + 'static) -> Solver {
        self.progress = Some(Arc::new(callback));
        self
    }

    /// Solves `problem`.
    pub fn solve(&self, problem: &Problem) -> SolveResult {
        let started = Instant::now();
        let config = &self.config;
        let threads = config.threads.max(1);
        let penalties = config.objective.penalties(problem);
        let key = |s: &Solution| config.objective.rank_of(problem, s, &penalties);

        let (start, _) = improve_from_savings(
            problem,
            &MultiStartConfig {
                starts: config.starts.max(1),
                threads,
                local_search: LocalSearchConfig {
                    seed: config.seed,
                    objective: config.objective,
                    ..LocalSearchConfig::default()
                },
            },
        );
        let neighbours = Neighbours::new(problem, config.ruin_neighbours);
        let annealing_started = started.elapsed();
        let mut limits = config.limits;
        if let Some(time) = limits.time {
            limits.time = Some(time.saturating_sub(started.elapsed()));
        }
        let annealing = AnnealingConfig {
            objective: config.objective,
            ..config.annealing
        };
        // The best reported so far, shared by the threads for progress output.
        let reported = Mutex::new(key(&start));
        let run = |thread: usize| {
            let mut rng = ChaCha8Rng::seed_from_u64(config.seed.wrapping_add(thread as u64));
            let on_improvement = |iteration: u64, best: &Solution| {
                let Some(callback) = &self.progress else {
                    return;
                };
                let mut reported = reported.lock().expect("progress lock");
                if key(best) < *reported {
                    *reported = key(best);
                    callback(&Progress {
                        iteration,
                        distance: best.cost().distance,
                        cost: best.cost().cost,
                        vehicles: best.cost().vehicles,
                        elapsed: started.elapsed(),
                    });
                }
            };
            let result = anneal(
                problem,
                &start,
                neighbours.lists(),
                &annealing,
                &limits,
                &mut rng,
                on_improvement,
            );
            (thread, result)
        };
        let runs: Vec<_> = if threads == 1 {
            vec![run(0)]
        } else {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool of the requested size");
            pool.install(|| (0..threads).into_par_iter().map(run).collect())
        };

        let iterations = runs.iter().map(|(_, r)| r.iterations).sum();
        let stop_reason = runs[0].1.stop_reason;
        let (_, best) = runs
            .into_iter()
            .min_by_key(|(thread, r)| (key(&r.best), *thread))
            .expect("at least one run");
        let time_to_best = annealing_started + best.time_to_best;
        let polish = LocalSearch::new(
            problem,
            LocalSearchConfig {
                objective: config.objective,
                ..LocalSearchConfig::default()
            },
        );
        let (polished, _) = polish.improve(problem, &best.best);
        let solution = if key(&polished) <= key(&best.best) {
            polished
        } else {
            best.best
        };
        SolveResult {
            solution,
            stats: SolveStats {
                iterations,
                time_to_best: time_to_best.min(started.elapsed()),
                elapsed: started.elapsed(),
                stop_reason,
            },
        }
    }
}
