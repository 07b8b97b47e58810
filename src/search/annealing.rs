//! The metaheuristic loop: ruin & recreate with simulated-annealing
//! acceptance (SISR, Christiaens & Vanden Berghe 2020).
//!
//! Each iteration changes the current solution tentatively (undone in time
//! proportional to the routes touched when rejected): it removes strings of jobs
//! ([`ruin`]), reinserts them greedily with blinks
//! ([`recreate`]), and accepts the result when its
//! penalised cost is below the current one plus `-T ln U` (U uniform in
//! (0, 1)). The temperature `T` falls geometrically from the start to the end
//! value as the run progresses (by time or by iterations, whichever limit is
//! closer). The best feasible solution is kept.
//!
//! Two rules adapt the run to the instance:
//! - the penalty weights for lateness and overload double while the
//!   current solution is infeasible in most of a window of iterations, and
//!   halve back towards their start values once it is feasible again
//!   (a window of 500 iterations); fixed weights let the search settle in a slightly
//!   late plan that no feasible neighbour beats;
//! - after [`AnnealingConfig::restart_after`] of the run without a new best,
//!   in its first half, the current solution returns to the best and the
//!   temperature is halved for the rest of the run: a start temperature
//!   too hot for the instance otherwise wastes the budget drifting away.

use super::recreate::{recreate, RecreateConfig};
use super::ruin::{ruin, RuinConfig};
use super::state::{SearchState, Snapshot};
use crate::deadline::Deadline;
use crate::eval::Penalties;
use crate::objective::{value, Objective, Rank};
use crate::problem::{JobId, Problem};
use crate::solution::Solution;
use crate::units::{Cost, Distance};
use rand::{Rng, RngExt};
use std::time::{Duration, Instant};

/// Parameters of the annealing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AnnealingConfig {
    /// Start temperature, as a multiple of the mean arc length of the
    /// starting solution (its distance over its arcs), so that the same
    /// value suits instances of any coordinate scale. When the budget
    /// allows fewer than 300 iterations per job (known from the iteration
    /// limit, or from the time limit and the rate of the first 1,000
    /// iterations) it is scaled down in proportion, never below the end
    /// temperature.
    pub start_temperature: f64,
    /// End temperature, as a multiple of the same mean arc length.
    pub end_temperature: f64,
    /// Share of the run (by the closer limit) without a new best after
    /// which, in the first half of the run, the current solution returns to
    /// the best and the temperature is halved for the rest of the run: a
    /// start too hot for the instance (clustered customers with narrow
    /// windows) otherwise spends half the budget drifting away from the
    /// start. 0 turns this off (default 0.1).
    pub restart_after: f64,
    /// String removal parameters.
    pub ruin: RuinConfig,
    /// Insertion parameters.
    pub recreate: RecreateConfig,
    /// What to minimise (the number of routes first under
    /// [`Objective::VehiclesThenDistance`], whose route removal runs before,
    /// see [`vehicles_first`](super::fleet_minimisation::vehicles_first)).
    pub objective: Objective,
}

impl Default for AnnealingConfig {
    fn default() -> AnnealingConfig {
        AnnealingConfig {
            start_temperature: 2.5,
            end_temperature: 0.025,
            restart_after: 0.1,
            ruin: RuinConfig::default(),
            recreate: RecreateConfig::default(),
            objective: Objective::Distance,
        }
    }
}

/// When to stop. At least one limit should be set; without any the run
/// stops after 10,000 iterations without improvement.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    /// Wall-clock limit.
    pub time: Option<Duration>,
    /// Total iterations.
    pub iterations: Option<u64>,
    /// Iterations without a new best solution.
    pub without_improvement: Option<u64>,
}

/// Why a run stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// The time limit was reached.
    TimeLimit,
    /// The iteration limit was reached.
    IterationLimit,
    /// Too many iterations without improvement.
    NoImprovement,
    /// The solve was cancelled (see [`Deadline::with_cancel`]).
    Cancelled,
    /// No vehicle can serve any job (each is unassigned with its reason),
    /// so the first plan is final and the search was skipped.
    NothingToSearch,
}

/// What an annealing run reports while it runs.
#[derive(Clone, Copy, Debug)]
pub enum AnnealingEvent {
    /// A new best solution at this iteration.
    Improved(u64, BestSummary),
    /// Sent every [`TICK_ITERATIONS`] iterations (for progress output).
    Tick(u64),
}

/// The figures of a new best solution (the solution itself is only built
/// at the end of the run).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BestSummary {
    /// Total distance.
    pub distance: Distance,
    /// Vehicle costs (fixed, distance and time costs of every route).
    pub cost: Cost,
    /// Routes that serve jobs.
    pub vehicles: usize,
    /// Jobs left unassigned.
    pub unassigned: usize,
    pub(crate) rank: Rank,
}

impl BestSummary {
    /// The figures of `solution`, ranked `rank`.
    pub(crate) fn of_solution(solution: &Solution, rank: Rank) -> BestSummary {
        let cost = solution.cost();
        BestSummary {
            distance: cost.distance,
            cost: cost.cost,
            vehicles: cost.vehicles,
            unassigned: solution.unassigned().len(),
            rank,
        }
    }

    /// The figures of `state`, ranked `rank`. O(routes).
    fn of_state(state: &SearchState<'_>, rank: Rank) -> BestSummary {
        let (distance, cost) = state.distance_and_cost();
        BestSummary {
            distance,
            cost,
            vehicles: state.used_routes(),
            unassigned: state.unassigned_count(),
            rank,
        }
    }
}

/// Iterations between two [`AnnealingEvent::Tick`]s.
pub const TICK_ITERATIONS: u64 = 64;

/// Outcome of one annealing run.
#[derive(Clone, Debug)]
pub struct AnnealingResult {
    /// Best feasible solution found (the start if none was better).
    pub best: Solution,
    /// Iterations done.
    pub iterations: u64,
    /// When the best was found, from the start of the run.
    pub time_to_best: Duration,
    /// Why the run stopped.
    pub stop_reason: StopReason,
}

/// Where an annealing run starts: when its budget started counting, the
/// iterations already spent and a cap on the routes with jobs (the
/// vehicles-first schedule spends part of the budget on route removal
/// before, see [`vehicles_first`](super::fleet_minimisation::vehicles_first)).
#[derive(Clone, Copy, Debug)]
pub struct Resume {
    /// The instant the run's time limit counts from.
    pub started: Instant,
    /// Iterations already done (they count against the iteration limit).
    pub iterations: u64,
    /// Most routes with jobs the run may use.
    pub route_cap: Option<usize>,
}

impl Resume {
    /// A run that starts now, from nothing spent, without a route cap.
    pub fn now() -> Resume {
        Resume {
            started: Instant::now(),
            iterations: 0,
            route_cap: None,
        }
    }
}

/// Runs the annealing from `start`. `nearest` lists each job's other jobs
/// nearest first (see [`super::Neighbours`]). `limits.time` counts from
/// the call and sets the cooling schedule; `deadline` (absolute, with its
/// cancel flag) stops the run too, whichever comes first. `observer` is
/// called with each new best solution and every few iterations.
///
/// Under [`Objective::VehiclesThenDistance`] solutions are ranked by their
/// routes first, but routes are removed by the solver's route-removal
/// phase before (see [`anneal_from`]).
#[allow(clippy::too_many_arguments)] // the solver is its one caller
pub fn anneal(
    problem: &Problem,
    start: &Solution,
    nearest: &[Vec<JobId>],
    config: &AnnealingConfig,
    limits: &Limits,
    deadline: &Deadline,
    rng: &mut impl Rng,
    observer: impl FnMut(AnnealingEvent),
) -> AnnealingResult {
    anneal_from(
        problem,
        start,
        Resume::now(),
        nearest,
        config,
        limits,
        deadline,
        rng,
        observer,
    )
}

/// As [`anneal`], continuing a run described by `resume`: its time and
/// iteration limits count from `resume.started` and `resume.iterations`,
/// and at most `resume.route_cap` routes serve jobs.
#[allow(clippy::too_many_arguments)] // the solver is its one caller
pub fn anneal_from(
    problem: &Problem,
    start: &Solution,
    resume: Resume,
    nearest: &[Vec<JobId>],
    config: &AnnealingConfig,
    limits: &Limits,
    deadline: &Deadline,
    rng: &mut impl Rng,
    mut observer: impl FnMut(AnnealingEvent),
) -> AnnealingResult {
    let started = resume.started;
    let mut iteration = resume.iterations;
    let model = config.objective.cost_model(problem);
    let mut current = SearchState::new(problem, start, model);
    if resume.route_cap.is_some() {
        current.set_route_cap(resume.route_cap);
    }
    let mut current_cost = current.total_cost();
    let mut best = Snapshot::default();
    current.save_snapshot(&mut best);
    let mut best_key = config.objective.rank_of(problem, start, &model);
    let mut time_to_best = Duration::ZERO;
    let arc = mean_arc_cost(&current);
    let t1 = config.end_temperature.max(1e-9) * arc;
    let start_at = |scale: f64| (config.start_temperature * scale * arc).max(t1);
    let jobs = problem.num_jobs().max(1) as f64;
    // Iterations per job the budget allows: the iteration limit, or the
    // time limit at the rate measured over the first iterations.
    let by_iterations = limits
        .iterations
        .map(|n| n.saturating_sub(iteration) as f64 / jobs);
    let mut t0 = start_at(temperature_scale(by_iterations));
    // Where the distance search starts (after route removal, under the
    // vehicles-first objective): the rate is measured from here.
    let (annealing_started, loop_started) = (iteration, started.elapsed());
    let without_improvement = match (limits.time, limits.iterations, limits.without_improvement) {
        (None, None, None) => Some(10_000),
        (_, _, w) => w,
    };

    let mut last_improvement = iteration;
    let mut penalty_control = PenaltyControl::new(*current.penalties());
    let mut current_feasible = current.is_feasible();
    // The temperature's factor (halved at each restart from the best), and
    // how far the run was at the last new best or restart.
    let mut heat = 1.0f64;
    let mut improved_at = progress(limits, started.elapsed(), iteration).unwrap_or(0.0);
    let stop_reason = loop {
        let elapsed = started.elapsed();
        if deadline.cancelled() {
            break StopReason::Cancelled;
        }
        if limits.time.is_some_and(|t| elapsed >= t) || deadline.reached() {
            break StopReason::TimeLimit;
        }
        if limits.iterations.is_some_and(|n| iteration >= n) {
            break StopReason::IterationLimit;
        }
        if without_improvement.is_some_and(|n| iteration - last_improvement >= n) {
            break StopReason::NoImprovement;
        }
        if iteration - annealing_started == RATE_SAMPLE {
            if let Some(time) = limits.time {
                let sampled = elapsed.saturating_sub(loop_started).as_secs_f64();
                let rate = RATE_SAMPLE as f64 / sampled.max(1e-9);
                let left = time.saturating_sub(loop_started).as_secs_f64();
                let by_time = rate * left / jobs;
                t0 = start_at(temperature_scale(Some(
                    by_iterations.map_or(by_time, |b| b.min(by_time)),
                )));
            }
        }
        let progress = progress(limits, elapsed, iteration).unwrap_or(0.0);
        if config.restart_after > 0.0
            && progress < 0.5
            && progress - improved_at > config.restart_after
        {
            // Back to the best, cooler.
            let model = *current.cost_model();
            current = SearchState::new(problem, &best.to_solution(problem), model);
            if resume.route_cap.is_some() {
                current.set_route_cap(resume.route_cap);
            }
            best = Snapshot::default();
            current.save_snapshot(&mut best);
            current_cost = current.total_cost();
            current_feasible = current.is_feasible();
            heat *= 0.5;
            improved_at = progress;
        }
        let temperature = (heat * t0 * (t1 / t0).powf(progress)).max(t1);
        iteration += 1;
        if iteration.is_multiple_of(TICK_ITERATIONS) {
            observer(AnnealingEvent::Tick(iteration));
        }

        if let Some(penalties) = penalty_control.observe(current_feasible) {
            current.set_penalties(penalties);
            current_cost = current.total_cost();
        }
        let mandatory_before = current.mandatory_unassigned_count();
        current.begin();
        let removed = ruin(&mut current, nearest, &config.ruin, rng);
        recreate(&mut current, removed, nearest, &config.recreate, rng);
        current.debug_assert_complete("ruin and recreate");
        let mandatory_out = current.mandatory_unassigned_count();
        if mandatory_out > mandatory_before {
            current.rollback();
            continue;
        }
        let cost = current.total_cost();
        let threshold =
            current_cost as f64 - temperature * rng.random::<f64>().max(f64::MIN_POSITIVE).ln();
        if mandatory_out == mandatory_before && (cost as f64) >= threshold {
            current.rollback();
            continue;
        }
        current.commit();
        current_cost = cost;
        current_feasible = current.is_feasible();
        if current_feasible {
            let vehicles = current.used_routes();
            let candidate =
                config
                    .objective
                    .rank(mandatory_out, vehicles, current.objective_value());
            if candidate < best_key {
                current.save_snapshot(&mut best);
                // (With traffic by hour the search's route durations are
                // estimates, and with breaks its lateness estimates; the
                // solution's schedule is exact.)
                debug_assert!(
                    problem.joins_are_estimates()
                        || value(problem, &best.to_solution(problem), &model) == candidate.2,
                    "cached objective value"
                );
                best_key = candidate;
                time_to_best = started.elapsed();
                last_improvement = iteration;
                improved_at = progress;
                observer(AnnealingEvent::Improved(
                    iteration,
                    BestSummary::of_state(&current, candidate),
                ));
            }
        }
    };
    AnnealingResult {
        best: best.to_solution(problem),
        iterations: iteration,
        time_to_best,
        stop_reason,
    }
}

/// Raises the penalty weights while the current solution stays
/// infeasible and lowers them back (never below the start weights) once
/// it is feasible again: with fixed weights the annealing can settle in a
/// slightly late plan that is cheaper than any feasible one nearby and
/// never find a better feasible plan again.
struct PenaltyControl {
    base: Penalties,
    factor: i64,
    seen: u32,
    infeasible: u32,
}

/// Iterations over which the share of infeasible current solutions is
/// measured.
const PENALTY_WINDOW: u32 = 500;

/// Largest factor over the start weights.
const MAX_PENALTY_FACTOR: i64 = 1 << 12;

impl PenaltyControl {
    fn new(base: Penalties) -> PenaltyControl {
        PenaltyControl {
            base,
            factor: 1,
            seen: 0,
            infeasible: 0,
        }
    }

    /// Counts one iteration whose current solution is `feasible` or not;
    /// returns new weights at the end of a window when they change.
    fn observe(&mut self, feasible: bool) -> Option<Penalties> {
        self.seen += 1;
        self.infeasible += u32::from(!feasible);
        if self.seen < PENALTY_WINDOW {
            return None;
        }
        let share = self.infeasible as f64 / self.seen as f64;
        self.seen = 0;
        self.infeasible = 0;
        let factor = if share >= 0.5 {
            (self.factor * 2).min(MAX_PENALTY_FACTOR)
        } else if share <= 0.1 {
            (self.factor / 2).max(1)
        } else {
            self.factor
        };
        if factor == self.factor {
            return None;
        }
        self.factor = factor;
        Some(Penalties {
            time_warp: self.base.time_warp.saturating_mul(factor),
            excess_load: self.base.excess_load.saturating_mul(factor),
            ..self.base
        })
    }
}

/// Below this many iterations per job, the start temperature is scaled
/// down in proportion: with few iterations per job (large instances, short
/// budgets) a hot start only undoes the construction. Measured at 10,000
/// jobs with about 10 iterations per job (30 s): start temperatures of 0.02
/// to 0.5 mean arcs end 5% shorter than 2.5; at 60 s (about 70 per job) a
/// reference of 100 gave a start of about 1.8 and plans 1-5% longer than
/// this reference of 300; at 1,000 jobs with 400 to 1,000 per job (60 s),
/// 2.5 is as good or better (6% on a clustered instance).
const FULL_TEMPERATURE_ITERATIONS_PER_JOB: f64 = 300.0;

/// Iterations over which the rate is measured under a time limit (about
/// 0.1 s at 10,000 jobs; shorter samples were noisy).
const RATE_SAMPLE: u64 = 1000;

/// The factor of the start temperature for a budget of
/// `iterations_per_job` (1 when unknown).
fn temperature_scale(iterations_per_job: Option<f64>) -> f64 {
    iterations_per_job.map_or(1.0, |b| {
        (b / FULL_TEMPERATURE_ITERATIONS_PER_JOB).clamp(0.0, 1.0)
    })
}

/// Cost (without penalties) per arc driven in `state`: the mean arc
/// length under the distance objective (at least 1 internal unit).
fn mean_arc_cost(state: &SearchState<'_>) -> f64 {
    let routes = state.routes().iter().filter(|r| !r.is_empty());
    let arcs: usize = routes.clone().map(|r| r.len() + 1).sum();
    let cost: i64 = routes.map(|r| r.base_cost()).sum();
    (cost as f64 / arcs.max(1) as f64).max(1.0)
}

/// How far the run is, from 0 to 1, by the closer of the time and the
/// iteration limit.
pub(crate) fn progress(limits: &Limits, elapsed: Duration, iteration: u64) -> Option<f64> {
    let by_time = limits
        .time
        .map(|t| elapsed.as_secs_f64() / t.as_secs_f64().max(1e-9));
    let by_iterations = limits
        .iterations
        .map(|n| iteration as f64 / n.max(1) as f64);
    match (by_time, by_iterations) {
        (Some(a), Some(b)) => Some(a.max(b).min(1.0)),
        (Some(a), None) | (None, Some(a)) => Some(a.min(1.0)),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(control: &mut PenaltyControl, feasible_share: f64) -> Option<Penalties> {
        let feasible = (feasible_share * PENALTY_WINDOW as f64) as u32;
        let mut changed = None;
        for i in 0..PENALTY_WINDOW {
            if let Some(p) = control.observe(i < feasible) {
                changed = Some(p);
            }
        }
        changed
    }

    #[test]
    fn penalties_rise_while_infeasible_and_fall_back_to_the_start_weights() {
        let base = Penalties::default();
        let mut control = PenaltyControl::new(base);
        assert_eq!(window(&mut control, 1.0), None, "feasible: unchanged");
        let raised = window(&mut control, 0.2).expect("mostly infeasible: raised");
        assert_eq!(raised.time_warp, 2 * base.time_warp);
        assert_eq!(raised.excess_load, 2 * base.excess_load);
        assert_eq!(raised.missing_skill, base.missing_skill);
        assert_eq!(window(&mut control, 0.7), None, "in between: kept");
        let raised = window(&mut control, 0.0).expect("raised again");
        assert_eq!(raised.time_warp, 4 * base.time_warp);
        assert_eq!(
            window(&mut control, 0.95).unwrap().time_warp,
            2 * base.time_warp
        );
        assert_eq!(window(&mut control, 0.95).unwrap(), base);
        assert_eq!(window(&mut control, 0.95), None, "never below the start");
        for _ in 0..40 {
            window(&mut control, 0.0);
        }
        assert_eq!(control.factor, MAX_PENALTY_FACTOR, "capped");
    }
}
