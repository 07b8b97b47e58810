//! Ruin: SISR string removals (Christiaens & Vanden Berghe 2020).
//!
//! A random seed job is picked; walking its neighbours nearest first, every
//! not yet ruined route met loses a string of consecutive jobs that contains
//! that neighbour, until the chosen number of routes is ruined. About
//! `average_removed` jobs go per call; strings are at most `max_string` long.
//! Half of the strings are split: the stretch cut out is longer, and a block
//! of consecutive jobs inside it stays in the route.

use super::state::SearchState;
use crate::problem::JobId;
use rand::{Rng, RngExt};

/// A job drawn uniformly from the jobs in routes (about `routed` of them):
/// by rejection (expected at most 4 draws when a quarter or more of the jobs
/// are routed), else by a scan.
fn random_routed_job(state: &SearchState<'_>, routed: usize, rng: &mut impl Rng) -> Option<JobId> {
    let n = state.problem().num_jobs();
    if 4 * routed >= n {
        for _ in 0..64 {
            let job = JobId(rng.random_range(0..n));
            if state.position(job).is_some() {
                return Some(job);
            }
        }
    }
    let in_routes: Vec<JobId> = (0..n)
        .map(JobId)
        .filter(|&j| state.position(j).is_some())
        .collect();
    (!in_routes.is_empty()).then(|| in_routes[rng.random_range(0..in_routes.len())])
}

/// Parameters of the string removal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RuinConfig {
    /// Average number of jobs removed per ruin (SISR's c̄, default 10).
    pub average_removed: f64,
    /// Longest string removed from one route (SISR's L_max, default 10).
    pub max_string: usize,
    /// Probability that a string is split: a longer stretch is cut out but
    /// a block of consecutive jobs inside it stays (SISR's split-string
    /// removal, default 0.5).
    pub split_rate: f64,
    /// Chance to stop growing the kept block at each step (SISR's β,
    /// default 0.01).
    pub split_depth: f64,
}

impl Default for RuinConfig {
    fn default() -> RuinConfig {
        RuinConfig {
            average_removed: 10.0,
            max_string: 10,
            split_rate: 0.5,
            split_depth: 0.01,
        }
    }
}

/// Removes strings of jobs around a random seed job; returns the removed
/// jobs (the routes are refreshed), together with the jobs met on the way
/// that were left out for a reason the search may overcome (the fleet was
/// used elsewhere, or an optional job did not pay). `nearest` lists, per
/// job, other jobs nearest first.
pub fn ruin(
    state: &mut SearchState<'_>,
    nearest: &[Vec<JobId>],
    config: &RuinConfig,
    rng: &mut impl Rng,
) -> Vec<JobId> {
    let routed = state.routed_count();
    if routed == 0 {
        return Vec::new();
    }
    let used = state.used_routes().max(1);
    let average_len = routed as f64 / used as f64;
    let string_cap = (config.max_string as f64).min(average_len).max(1.0);
    let max_strings = (4.0 * config.average_removed / (1.0 + string_cap) - 1.0).max(1.0);
    let strings = rng.random_range(1.0..=max_strings).floor() as usize;

    let Some(seed) = random_routed_job(state, routed, rng) else {
        return Vec::new();
    };
    let mut ruined_routes: Vec<usize> = Vec::new();
    let mut removed: Vec<JobId> = Vec::new();
    for &job in std::iter::once(&seed).chain(nearest[seed.0].iter()) {
        if ruined_routes.len() >= strings {
            break;
        }
        let Some(position) = state.position(job) else {
            // A job left out near the ruined area gets another chance.
            if state.take_unassigned_job(job) {
                removed.push(job);
            }
            continue;
        };
        if ruined_routes.contains(&position.route) {
            continue;
        }
        let route = state.route(position.route);
        let cap = (string_cap as usize).min(route.len()).max(1);
        let len = rng.random_range(1..=cap);
        // Split string: `len` jobs go, `kept` consecutive ones inside stay.
        let mut kept = 0;
        if len < route.len() && rng.random_bool(config.split_rate.clamp(0.0, 1.0)) {
            kept = 1;
            while kept < route.len() - len && rng.random::<f64>() > config.split_depth {
                kept += 1;
            }
        }
        // A stretch of `len + kept` positions that contains `job`.
        let span = len + kept;
        let first_min = position.position.saturating_sub(span - 1).max(1);
        let first_max = position.position.min(route.len() + 1 - span);
        let first = rng.random_range(first_min..=first_max);
        let stretch = &route.jobs()[first - 1..first - 1 + span];
        let keep_from = if kept > 0 {
            rng.random_range(0..=len)
        } else {
            0
        };
        let string: Vec<JobId> = stretch
            .iter()
            .enumerate()
            .filter(|&(i, _)| i < keep_from || i >= keep_from + kept)
            .map(|(_, &j)| j)
            .collect();
        for &j in &string {
            state.take_out(j);
        }
        removed.extend(string);
        ruined_routes.push(position.route);
    }
    state.refresh(&ruined_routes);
    removed
}
