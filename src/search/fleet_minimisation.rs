//! Route minimisation for the vehicles-first objective.
//!
//! Phase after phase: take the best feasible plan with `k` routes, dissolve
//! its smallest route, cap the fleet at `k - 1`, reinsert the jobs at the
//! cheapest penalised positions (lateness and overload allowed), and run ruin
//! & recreate with simulated annealing on distance plus penalties until a
//! feasible plan with `k - 1` routes appears or the phase's patience runs
//! out, then tries again (dissolving one of the three smallest routes) until
//! the budget ends. Penalty weights adapt: raised while the search stays
//! infeasible, lowered while it is feasible.

use super::recreate::{recreate, RecreateConfig};
use super::route::Penalties;
use super::ruin::{ruin, RuinConfig};
use super::state::SearchState;
use crate::problem::{JobId, Problem};
use crate::solution::Solution;
use rand::{Rng, RngExt};

/// Parameters of the route minimisation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FleetMinimisationConfig {
    /// Iterations a phase may take to find a feasible plan with one route fewer.
    pub patience: u64,
    /// Temperature in instance units of cost.
    pub temperature: f64,
    /// String removal parameters.
    pub ruin: RuinConfig,
    /// Insertion parameters.
    pub recreate: RecreateConfig,
    /// Absence counters (jobs left out; see [`minimise_fleet`]) instead of
    /// penalised lateness.
    pub absences: bool,
}

impl Default for FleetMinimisationConfig {
    fn default() -> FleetMinimisationConfig {
        FleetMinimisationConfig {
            patience: 30_000,
            temperature: 1.0,
            ruin: RuinConfig::default(),
            recreate: RecreateConfig::default(),
            absences: std::env::var("LM_ABS").is_ok(),
        }
    }
}

/// Removes routes from the feasible `start` while `budget` allows; returns
/// the best feasible plan (fewest routes) and the iterations used. `budget`
/// is asked before every iteration and says whether to go on.
pub fn minimise_fleet(
    problem: &Problem,
    start: &Solution,
    nearest: &[Vec<JobId>],
    config: &FleetMinimisationConfig,
    rng: &mut impl Rng,
    mut budget: impl FnMut(u64) -> bool,
    mut on_improvement: impl FnMut(u64, &Solution),
) -> (Solution, u64) {
    if config.absences {
        return minimise_with_absences(problem, start, nearest, config, rng, budget, on_improvement);
    }
    let base = Penalties::for_problem(problem);
    let scale = problem.scale() as f64;
    let mut best = start.clone();
    let mut iteration = 0u64;
    'phases: while best.routes().len() > 1 {
        let target = best.routes().len() - 1;
        let mut penalties = base;
        let mut current = SearchState::new(problem, &best, penalties);
        current.set_route_cap(Some(target));
        // One of the three smallest routes, so that retries differ.
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
        recreate(&mut current, jobs, nearest, &config.recreate, rng);
        let mut current_cost = current.cost();
        let mut feasible_seen = 0u32;
        let phase_start = iteration;
        while iteration - phase_start < config.patience {
            if !budget(iteration) {
                break 'phases;
            }
            iteration += 1;
            if iteration.is_multiple_of(100) {
                // Aim at a feasible current solution about a third of the time.
                penalties = if feasible_seen < 20 {
                    scaled(&penalties, 1.25, &base)
                } else if feasible_seen > 50 {
                    scaled(&penalties, 0.8, &base)
                } else {
                    penalties
                };
                current.set_penalties(penalties);
                current_cost = current.cost();
                feasible_seen = 0;
            }
            let unassigned_before = current.unassigned_count();
            current.begin();
            let removed = ruin(&mut current, nearest, &config.ruin, rng);
            recreate(&mut current, removed, nearest, &config.recreate, rng);
            let cost = current.cost();
            let threshold = current_cost as f64
                - config.temperature * scale * rng.random::<f64>().max(f64::MIN_POSITIVE).ln();
            if current.unassigned_count() <= unassigned_before && (cost as f64) < threshold {
                current.commit();
                current_cost = cost;
            } else {
                current.rollback();
            }
            if current.is_feasible() {
                feasible_seen += 1;
                let routes = current.routes().iter().filter(|r| !r.is_empty()).count();
                if routes <= target {
                    best = current.to_solution();
                    on_improvement(iteration, &best);
                    continue 'phases;
                }
            }
        }
        // Out of patience: try again from the best plan with another route.
    }
    (best, iteration)
}

/// `penalties` times `factor`, kept between a tenth of `base` and a
/// thousand times `base`.
fn scaled(penalties: &Penalties, factor: f64, base: &Penalties) -> Penalties {
    let clamp = |value: i64, base: i64| {
        ((value as f64 * factor).round() as i64)
            .clamp((base / 10).max(1), base.saturating_mul(1000))
    };
    Penalties {
        time_warp: clamp(penalties.time_warp, base.time_warp),
        excess_load: clamp(penalties.excess_load, base.excess_load),
        route: penalties.route,
    }
}

/// SISR's fleet minimisation: a route is dissolved and its jobs may stay
/// out; insertion only uses feasible positions; every iteration each job
/// left out counts one absence more, and a change is kept when it leaves
/// fewer jobs out or jobs with fewer absences in total (so jobs that are
/// often left out become expensive to leave out).
fn minimise_with_absences(
    problem: &Problem,
    start: &Solution,
    nearest: &[Vec<JobId>],
    config: &FleetMinimisationConfig,
    rng: &mut impl Rng,
    mut budget: impl FnMut(u64) -> bool,
    mut on_improvement: impl FnMut(u64, &Solution),
) -> (Solution, u64) {
    let penalties = Penalties::for_problem(problem);
    let insertion = RecreateConfig {
        feasible_only: true,
        ..config.recreate
    };
    let mut absences = vec![0u64; problem.num_jobs()];
    let mut best = start.clone();
    let mut iteration = 0u64;
    'phases: while best.routes().len() > 1 {
        let target = best.routes().len() - 1;
        let mut current = SearchState::new(problem, &best, penalties);
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
            if current.unassigned_count() == 0 {
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
