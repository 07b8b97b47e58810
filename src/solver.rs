//! [`Solver`]: the whole pipeline behind a small builder.
//!
//! 0. Setup: each job's 50 nearest jobs by a time-window-aware proximity
//!    ([`Neighbours`], computed once, on `threads` threads).
//! 1. Construction: savings from several shapes, each improved by local
//!    search (see [`Solver::solve`] for how many).
//! 2. Ruin & recreate with simulated annealing
//!    ([`annealing`](crate::search::annealing)) from the best of those, in
//!    `threads` independent runs with seeds `seed, seed + 1, ...`.
//! 3. The best run's solution, polished by one more local search.
//!
//! **Anytime.** The time limit covers every phase: each checks one
//! [`Deadline`] (which also carries the [`cancel flag`](Solver::cancel_flag))
//! between units of work of microseconds, the annealing leaves 2% of the
//! budget (at most 1 s) to the polish, and `solve` returns the best
//! solution found within the limit plus a few milliseconds. Only the
//! neighbour lists and the first savings plan are always completed (about
//! 1.2 s at 10,000 jobs on one core). The progress callback hears of every
//! phase, every new best, and at least every
//! [`progress_interval`](SolverConfig::progress_interval) in between.
//!
//! **Scale.** Up to [`LARGE_INSTANCE`] jobs the construction makes the
//! configured number of starts (under a time limit only while they end
//! within a tenth of it), each alternating descents with route elimination;
//! larger instances get one start, whose descent stops at half the budget
//! at the latest. An annealing iteration reinserts jobs only into routes
//! that serve their neighbours, and the best plan is kept by copying the
//! routes changed since the last best, so that an iteration costs about the
//! same at 1,000 and 10,000 jobs. With few iterations per job the
//! annealing starts cooler (see
//! [`AnnealingConfig::start_temperature`](crate::search::annealing::AnnealingConfig)).
//!
//! With an iteration limit (and no time limit) the result depends only on
//! the problem, seed, thread count and limits.
//!
//! Defaults (tuned on the Solomon and X sets at 5–30 s per instance, and on
//! generated 1,000 and 10,000-job instances): 8 savings starts; string
//! removals of about 10 jobs, strings of at most 10 (SISR's c̄ and L_max)
//! around a seed job's 50 nearest neighbours; insertion blinks with
//! probability 0.01; annealing temperature from 2.5 (scaled down below 300
//! iterations per job) to 0.025 times the start's mean arc length, falling
//! geometrically with the budget used. Vehicles first: route removal (SISR
//! fleet minimisation with absence counters) gets at least 25% and at most
//! 80% of the budget, and stops early once it has run three times as long
//! as it took to remove its last route; distance annealing at that fleet
//! size gets the rest.
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

use crate::deadline::Deadline;
pub use crate::objective::Objective;
use crate::problem::Problem;
use crate::search::annealing::{
    anneal_from, AnnealingConfig, AnnealingEvent, BestSummary, Limits, Resume, StopReason,
};
use crate::search::fleet_minimisation::vehicles_first;
use crate::search::multi_start::{run_starts, thread_pool, Starts};
use crate::search::{warm_start, LocalSearch, LocalSearchConfig, Neighbours};
use crate::solution::{Route, Solution};
use crate::units::{Cost, Distance};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Above this many jobs a solve makes one savings start, improves it by
/// local search without route elimination (whose every step is a full
/// descent), and gives the rest of the budget to ruin and recreate.
pub const LARGE_INSTANCE: usize = 2000;

/// The first start's local search stops at this share of the time limit
/// at the latest (the metaheuristic gets the rest).
const START_SHARE: f64 = 0.5;

/// Further starts run only while they end within this share of the time
/// limit (measured by the time the previous batch of starts took).
const EXTRA_STARTS_SHARE: f64 = 0.1;

/// Share of the time limit kept for the final polish...
const POLISH_SHARE: f64 = 0.02;

/// ...but no more than this.
const POLISH_RESERVE_MAX: Duration = Duration::from_secs(1);

/// What a solve is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Neighbour lists and other data computed once per solve.
    Setup,
    /// Savings starts and their local search.
    Construction,
    /// Ruin & recreate with simulated annealing (and, under the
    /// vehicles-first objective, route removal before it).
    Annealing,
    /// A last local search on the best solution.
    Polish,
    /// The solve is over; the report carries the returned solution.
    Done,
}

/// Why the progress callback was called.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProgressEvent {
    /// A phase started (the figures are those of the best so far, zero
    /// before the first solution).
    PhaseStarted,
    /// The best solution improved.
    Improved,
    /// No news for a while: sent at least every
    /// [`SolverConfig::progress_interval`] during the annealing.
    Heartbeat,
}

/// A snapshot reported to the progress callback: when a phase starts, when
/// the best improves, and at least every [`SolverConfig::progress_interval`]
/// during the metaheuristic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Why this report was sent.
    pub event: ProgressEvent,
    /// The phase the solve is in.
    pub phase: Phase,
    /// Metaheuristic iterations of the reporting thread so far.
    pub iteration: u64,
    /// Distance of the best solution so far.
    pub distance: Distance,
    /// Vehicle costs of the best so far (cost units).
    pub cost: Cost,
    /// Routes of the best so far.
    pub vehicles: usize,
    /// Jobs the best so far leaves unassigned.
    pub unassigned: usize,
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
    /// Savings starts made (each improved by local search).
    pub starts: usize,
    /// Time spent before the metaheuristic (setup, starts).
    pub construction_time: Duration,
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
    /// Longest silence of the progress callback during the annealing.
    pub progress_interval: Duration,
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
            progress_interval: Duration::from_secs(1),
        }
    }
}

type ProgressCallback = Arc<dyn Fn(&Progress) + Send + Sync>;

/// Solves problems; configure with the builder methods, then call
/// [`solve`](Solver::solve). Without any limit it stops after 10,000
/// iterations without improvement.
///
/// The time limit covers every phase: a solve returns the best solution
/// found so far within the limit plus a few milliseconds (the neighbour
/// lists and the first savings start are always completed; they take about
/// 1 s at 10,000 jobs).
#[derive(Clone, Default)]
pub struct Solver {
    config: SolverConfig,
    progress: Option<ProgressCallback>,
    cancel: Option<Arc<AtomicBool>>,
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
            cancel: None,
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

    /// Stops the solve as soon as `flag` is set (from any thread, or from
    /// the progress callback): it returns the best solution so far with
    /// [`StopReason::Cancelled`].
    pub fn cancel_flag(mut self, flag: Arc<AtomicBool>) -> Solver {
        self.cancel = Some(flag);
        self
    }

    /// Calls `callback` when a phase starts, whenever the best solution
    /// improves, and at least every [`SolverConfig::progress_interval`]
    /// during the annealing (see [`Progress`]).
    pub fn on_progress(mut self, callback: impl Fn(&Progress) + Send + Sync + 'static) -> Solver {
        self.progress = Some(Arc::new(callback));
        self
    }

    /// Solves `problem`.
    pub fn solve(&self, problem: &Problem) -> SolveResult {
        self.solve_with_start(problem, None)
    }

    /// Solves `problem` starting from `routes` (a plan already published,
    /// the routes of a day in progress) instead of savings: each route
    /// keeps the jobs it can still serve in order, the jobs it lacks are
    /// inserted where they cost least, then the search goes on as in
    /// [`solve`](Self::solve) under the same limits. Routes may name jobs
    /// or vehicle types `problem` lacks (they are dropped), and need not be
    /// feasible.
    ///
    /// ```
    /// use lastmile::{JobId, JobSpec, ProblemBuilder, Rounding, Route, Solver, VehicleTypeId, VehicleTypeSpec};
    /// let mut b = ProblemBuilder::new(Rounding::Round);
    /// let depot = b.add_location(0.0, 0.0);
    /// for x in [10.0, 20.0, 30.0] {
    ///     let site = b.add_location(x, 0.0);
    ///     b.add_job(JobSpec::at(site).demand(&[1]));
    /// }
    /// b.add_vehicle_type(VehicleTypeSpec::new(depot, 2, &[5]));
    /// let problem = b.build()?;
    /// // Yesterday's plan knew jobs 0 and 2 only.
    /// let published = vec![Route::new(VehicleTypeId(0), vec![JobId(2), JobId(0)])];
    /// let result = Solver::new().iteration_limit(100).solve_from(&problem, &published);
    /// assert!(lastmile::check(&problem, &result.solution).is_feasible());
    /// assert_eq!(result.solution.routes()[0].stops.len(), 3);
    /// # Ok::<(), lastmile::ModelError>(())
    /// ```
    pub fn solve_from(&self, problem: &Problem, routes: &[Route]) -> SolveResult {
        self.solve_with_start(problem, Some(routes))
    }

    fn solve_with_start(&self, problem: &Problem, initial: Option<&[Route]>) -> SolveResult {
        let started = Instant::now();
        let config = &self.config;
        let threads = config.threads.max(1);
        let model = config.objective.cost_model(problem);
        let key = |s: &Solution| config.objective.rank_of(problem, s, &model);
        let mut deadline = match config.limits.time {
            Some(limit) => started
                .checked_add(limit)
                .map_or(Deadline::none(), Deadline::at),
            None => Deadline::none(),
        };
        if let Some(flag) = &self.cancel {
            deadline = deadline.with_cancel(Arc::clone(flag));
        }
        let reporter = Arc::new(Reporter::new(
            self.progress.clone(),
            started,
            config.progress_interval,
        ));
        reporter.phase(Phase::Setup);

        let local_search = LocalSearchConfig {
            seed: config.seed,
            objective: config.objective,
            ..LocalSearchConfig::default()
        };
        let neighbours = Arc::new(Neighbours::compute(
            problem,
            config.ruin_neighbours.max(local_search.neighbours),
            threads,
        ));
        reporter.phase(Phase::Construction);
        let pool = thread_pool(threads);
        let search = LocalSearch::with_neighbours(Arc::clone(&neighbours), local_search);
        // Up to LARGE_INSTANCE jobs: the configured starts, each alternating
        // descents with route elimination; above: one start, one descent.
        // The first start's descent stops at half the time limit at the
        // latest; further batches run only while they end within a tenth.
        let share = |share: f64| {
            let limit = config.limits.time?;
            started.checked_add(limit.mul_f64(share))
        };
        let large = problem.num_jobs() > LARGE_INSTANCE;
        let start_deadline = deadline.min(share(START_SHARE));
        let plan = Starts {
            count: if large { 1 } else { config.starts },
            route_elimination: !large,
            savings_pairs: Some(&neighbours),
            deadline: &start_deadline,
        };
        let (start, starts) = match initial {
            Some(routes) => {
                let repaired = warm_start(problem, routes, neighbours.lists(), model, config.seed);
                reporter.offer(&BestSummary::of_solution(&repaired, key(&repaired)), 0);
                let (improved, _) = search.improve_until(problem, &repaired, &start_deadline);
                // The descent does not see preferred vehicle types: keep
                // what it made only if the objective agrees.
                if key(&improved) <= key(&repaired) {
                    (improved, 0)
                } else {
                    (repaired, 0)
                }
            }
            None => self.construct(
                problem,
                &search,
                &plan,
                share(EXTRA_STARTS_SHARE),
                &reporter,
                pool.as_ref(),
            ),
        };
        reporter.offer(&BestSummary::of_solution(&start, key(&start)), 0);
        let annealing_started = started.elapsed();
        let nothing_to_search =
            start.routes().is_empty() && start.unassigned().iter().all(|u| !u.reason.is_servable());
        if nothing_to_search {
            // No vehicle can serve any job (each is out with its reason).
            reporter.phase(Phase::Done);
            return SolveResult {
                solution: start,
                stats: SolveStats {
                    iterations: 0,
                    time_to_best: annealing_started,
                    elapsed: started.elapsed(),
                    stop_reason: StopReason::NothingToSearch,
                    starts,
                    construction_time: annealing_started,
                },
            };
        }

        reporter.phase(Phase::Annealing);
        // The annealing leaves a little of the budget to the polish.
        let mut limits = config.limits;
        let mut annealing_deadline = deadline.clone();
        if let Some(time) = limits.time {
            let reserve = time.mul_f64(POLISH_SHARE).min(POLISH_RESERVE_MAX);
            let end = time.saturating_sub(reserve);
            limits.time = Some(end.saturating_sub(started.elapsed()));
            annealing_deadline = deadline.min(started.checked_add(end));
        }
        let annealing = AnnealingConfig {
            objective: config.objective,
            ..config.annealing
        };
        let nearest = &neighbours.lists();
        let run = |thread: usize| {
            let mut rng = ChaCha8Rng::seed_from_u64(config.seed.wrapping_add(thread as u64));
            let observer = |event: AnnealingEvent| match event {
                AnnealingEvent::Improved(iteration, best) => reporter.offer(&best, iteration),
                AnnealingEvent::Tick(iteration) => reporter.heartbeat(iteration),
            };
            let mut observer = observer;
            // Vehicles first: route removal takes most of the run's budget,
            // the annealing goes on with the fleet it reached.
            let (reduced, resume) = if config.objective == Objective::VehiclesThenDistance {
                let (fewer, resume) = vehicles_first(
                    problem,
                    &start,
                    nearest,
                    &limits,
                    &annealing_deadline,
                    Instant::now(),
                    &mut rng,
                    &mut observer,
                );
                (Some(fewer), resume)
            } else {
                (None, Resume::now())
            };
            let result = anneal_from(
                problem,
                reduced.as_ref().unwrap_or(&start),
                resume,
                nearest,
                &annealing,
                &limits,
                &annealing_deadline,
                &mut rng,
                observer,
            );
            (thread, result)
        };
        let runs: Vec<_> = match &pool {
            None => vec![run(0)],
            Some(pool) => pool.install(|| (0..threads).into_par_iter().map(run).collect()),
        };

        let iterations = runs.iter().map(|(_, r)| r.iterations).sum();
        let stop_reason = if deadline.cancelled() {
            StopReason::Cancelled
        } else {
            runs[0].1.stop_reason
        };
        let (_, best) = runs
            .into_iter()
            .min_by_key(|(thread, r)| (key(&r.best), *thread))
            .expect("at least one run");
        let time_to_best = annealing_started + best.time_to_best;
        let mut solution = best.best;
        if !deadline.reached() {
            reporter.phase(Phase::Polish);
            let (polished, _) = search.improve_until(problem, &solution, &deadline);
            if key(&polished) <= key(&solution) {
                solution = polished;
            }
        }
        reporter.phase(Phase::Done);
        SolveResult {
            solution,
            stats: SolveStats {
                iterations,
                time_to_best: time_to_best.min(started.elapsed()),
                elapsed: started.elapsed(),
                stop_reason,
                starts,
                construction_time: annealing_started,
            },
        }
    }

    /// The start of the metaheuristic: the best of the savings `starts`
    /// improved by `search`, and the number of starts made. Further batches
    /// of starts are made only while they would end by `extra_starts_end`.
    fn construct(
        &self,
        problem: &Problem,
        search: &LocalSearch,
        starts: &Starts<'_>,
        extra_starts_end: Option<Instant>,
        reporter: &Arc<Reporter>,
        pool: Option<&rayon::ThreadPool>,
    ) -> (Solution, usize) {
        let model = self.config.objective.cost_model(problem);
        let key = |s: &Solution| self.config.objective.rank_of(problem, s, &model);
        let search = search.clone().with_heartbeat({
            let reporter = Arc::clone(reporter);
            Arc::new(move || reporter.heartbeat(0))
        });
        let (solution, made, _) = run_starts(
            problem,
            &search,
            starts,
            pool,
            key,
            // The first feasible plan, shown before its local search.
            |initial| reporter.offer(&BestSummary::of_solution(initial, key(initial)), 0),
            |took| extra_starts_end.is_none_or(|end| Instant::now() + took <= end),
        );
        (solution, made)
    }
}

/// Sends [`Progress`] reports to the callback, from any thread: the best
/// so far, and heartbeats no further apart than the interval.
struct Reporter {
    callback: Option<ProgressCallback>,
    started: Instant,
    interval: Duration,
    state: Mutex<ReporterState>,
}

struct ReporterState {
    phase: Phase,
    best: Option<crate::objective::Rank>,
    last: Progress,
    last_sent: Duration,
}

impl Reporter {
    fn new(callback: Option<ProgressCallback>, started: Instant, interval: Duration) -> Reporter {
        Reporter {
            callback,
            started,
            interval,
            state: Mutex::new(ReporterState {
                phase: Phase::Setup,
                best: None,
                last: Progress {
                    event: ProgressEvent::PhaseStarted,
                    phase: Phase::Setup,
                    iteration: 0,
                    distance: Distance::ZERO,
                    cost: Cost::ZERO,
                    vehicles: 0,
                    unassigned: 0,
                    elapsed: Duration::ZERO,
                },
                last_sent: Duration::ZERO,
            }),
        }
    }

    fn send(&self, state: &mut ReporterState, event: ProgressEvent, iteration: u64) {
        let Some(callback) = &self.callback else {
            return;
        };
        let elapsed = self.started.elapsed();
        state.last = Progress {
            event,
            phase: state.phase,
            iteration,
            elapsed,
            ..state.last
        };
        state.last_sent = elapsed;
        callback(&state.last);
    }

    fn phase(&self, phase: Phase) {
        let mut state = self.state.lock().expect("progress lock");
        state.phase = phase;
        let iteration = state.last.iteration;
        self.send(&mut state, ProgressEvent::PhaseStarted, iteration);
    }

    /// Reports `best` when it is better than the best reported.
    fn offer(&self, best: &BestSummary, iteration: u64) {
        if self.callback.is_none() {
            return;
        }
        let mut state = self.state.lock().expect("progress lock");
        if state.best.is_some_and(|reported| best.rank >= reported) {
            return;
        }
        state.best = Some(best.rank);
        state.last = Progress {
            distance: best.distance,
            cost: best.cost,
            vehicles: best.vehicles,
            unassigned: best.unassigned,
            ..state.last
        };
        self.send(&mut state, ProgressEvent::Improved, iteration);
    }

    fn heartbeat(&self, iteration: u64) {
        if self.callback.is_none() {
            return;
        }
        let mut state = self.state.lock().expect("progress lock");
        if self.started.elapsed() >= state.last_sent + self.interval {
            self.send(&mut state, ProgressEvent::Heartbeat, iteration);
        }
    }
}
