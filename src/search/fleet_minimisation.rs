//! Route minimisation for the vehicles-first objective (the fleet
//! minimisation of SISR, Christiaens & Vanden Berghe 2020).
//!
//! Phase after phase: take the best feasible plan with `k` routes, dissolve
//! one of its three smallest routes and cap the fleet at `k - 1`. Jobs may
//! now stay out: insertion uses feasible positions only. Every iteration
//! ruins and recreates (reinserting the jobs left out as well); each job
//! left out counts one absence more per iteration, and a change is kept
//! when it leaves fewer jobs out, or jobs with fewer absences in total, so
//! that jobs that are hard to place become expensive to leave out. When no
//! job is left out the plan has `k - 1` routes and the next phase starts; a
//! phase that runs out of patience starts again from the best plan.
use super::annealing::{progress, AnnealingEvent, BestSummary, Limits, Resume, TICK_ITERATIONS};
use super::recreate::{recreate, RecreateConfig};
use super::ruin::{ruin, RuinConfig};
use super::state::SearchState;
use crate::deadline::Deadline;
use crate::eval::CostModel;
use crate::objective::Objective;
use crate::problem::{JobId, Problem};
use crate::solution::Solution;
use rand::{Rng, RngExt};
use std::cell::{Cell, RefCell};
use std::time::Instant;

/// Most of the time (or iteration) budget that route removal may take under
/// the vehicles-first objective.
const FLEET_SHARE: f64 = 0.8;

/// Route minimisation always gets this share of the budget...
const FLEET_MIN_SHARE: f64 = 0.25;

/// ...and beyond it stops once it has run this many times as long as it
/// took to remove its last route (a fleet that shrank early is likely at
/// its minimum; the distance search gets the rest).
const FLEET_STALL_FACTOR: f64 = 3.0;

/// The route-removal phase of the vehicles-first objective
/// ([`Objective::VehiclesThenDistance`]): most of the budget of a run
/// (`limits`, counted from `started`) removes routes from the feasible
/// `start`; the distance search then goes on with the fleet capped at what
/// this reached. Returns the plan with fewest routes and where the
/// annealing resumes (iterations spent, route cap). `observer` gets the
/// same events as from the annealing.
#[allow(clippy::too_many_arguments)] // the solver is its one caller
pub fn vehicles_first(
    problem: &Problem,
    start: &Solution,
    nearest: &[Vec<JobId>],
    limits: &Limits,
    deadline: &Deadline,
    started: Instant,
    rng: &mut impl Rng,
    observer: impl FnMut(AnnealingEvent),
) -> (Solution, Resume) {
    let objective = Objective::VehiclesThenDistance;
    let model = objective.cost_model(problem);
    let fleet = FleetMinimisationConfig::default();
    // Share of the budget used when the fleet last shrank.
    let last_success = Cell::new(0.0f64);
    let share_used = |it: u64| progress(limits, started.elapsed(), it);
    let observer = RefCell::new(observer);
    let keep_going = |it: u64| {
        if deadline.reached() {
            return false;
        }
        if it.is_multiple_of(TICK_ITERATIONS) && it > 0 {
            (observer.borrow_mut())(AnnealingEvent::Tick(it));
        }
        match share_used(it) {
            Some(used) => {
                used < FLEET_SHARE
                    && (used < FLEET_MIN_SHARE || used < FLEET_STALL_FACTOR * last_success.get())
            }
            // Only a no-improvement limit: retries are bounded too.
            None => it < 5 * fleet.patience,
        }
    };
    let (fewer, used) = minimise_fleet(
        problem,
        start,
        nearest,
        &fleet,
        rng,
        keep_going,
        |it, solution| {
            last_success.set(share_used(it).unwrap_or(0.0));
            let rank = objective.rank_of(problem, solution, &model);
            let summary = BestSummary::of_solution(solution, rank);
            (observer.borrow_mut())(AnnealingEvent::Improved(it, summary));
        },
    );
    let resume = Resume {
        started,
        iterations: used,
        route_cap: Some(fewer.routes().len()),
    };
    (fewer, resume)
}

/// Parameters of the route minimisation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FleetMinimisationConfig {
    /// Iterations a phase may take to find a feasible plan with one route fewer.
    pub patience: u64,
    /// String removal parameters.
    pub ruin: RuinConfig,
    /// Insertion parameters.
    pub recreate: RecreateConfig,
}

impl Default for FleetMinimisationConfig {
    fn default() -> FleetMinimisationConfig {
        FleetMinimisationConfig {
            patience: 30_000,
            ruin: RuinConfig::default(),
            recreate: RecreateConfig::default(),
        }
    }
}

/// Removes routes from the feasible `start` while `budget` allows; returns
/// the best feasible plan (fewest routes) and the iterations used. `budget`
/// is asked before every iteration and says whether to go on;
/// `on_improvement` is called with each plan that has a route fewer.
pub fn minimise_fleet(
    problem: &Problem,
    start: &Solution,
    nearest: &[Vec<JobId>],
    config: &FleetMinimisationConfig,
    rng: &mut impl Rng,
    mut budget: impl FnMut(u64) -> bool,
    mut on_improvement: impl FnMut(u64, &Solution),
) -> (Solution, u64) {
    let model = CostModel::for_problem(problem);
    let insertion = RecreateConfig {
        feasible_only: true,
        ..config.recreate
    };
    let mut absences = vec![0u64; problem.num_jobs()];
    // Jobs the start leaves out stay out (a phase succeeds when no more
    // are out than at the start).
    let baseline = start.unassigned().len();
    let mut best = start.clone();
    let mut iteration = 0u64;
    'phases: while best.routes().len() > 1 {
        let target = best.routes().len() - 1;
        let mut current = SearchState::new(problem, &best, model);
        current.set_route_cap(Some(target));
        let mut candidates: Vec<usize> = (0..current.routes().len())
            .filter(|&r| !current.route(r).is_empty())
            .collect();
        candidates.sort_by_key(|&r| (current.route(r).len(), r));
        let smallest = candidates[rng.random_range(0..candidates.len().min(3))];
        let jobs: Vec<JobId> = current.route(smallest).jobs().to_vec();
        for &job in &jobs {
            current.take_out(job);
        }
        current.refresh(&[smallest]);
        recreate(&mut current, jobs, nearest, &insertion, rng);
        let phase_start = iteration;
        let absent = |state: &SearchState<'_>, absences: &[u64]| -> (usize, u64) {
            let out = state.unassigned();
            (out.len(), out.iter().map(|u| absences[u.job.0]).sum())
        };
        while iteration - phase_start < config.patience {
            if current.unassigned_count() <= baseline {
                best = current.to_solution();
                on_improvement(iteration, &best);
                continue 'phases;
            }
            if !budget(iteration) {
                break 'phases;
            }
            iteration += 1;
            let (count, sum) = absent(&current, &absences);
            current.begin();
            let mut jobs = ruin(&mut current, nearest, &config.ruin, rng);
            jobs.extend(current.take_unassigned());
            recreate(&mut current, jobs, nearest, &insertion, rng);
            let (new_count, new_sum) = absent(&current, &absences);
            if new_count < count || new_sum < sum {
                current.commit();
            } else {
                current.rollback();
            }
            for u in current.unassigned() {
                absences[u.job.0] += 1;
            }
        }
    }
    (best, iteration)
}
