//! Ruin: SISR string removals (Christiaens & Vanden Berghe 2020).
//!
//! A random seed job is picked; walking its neighbours nearest first, every
//! not yet ruined route met loses a string of consecutive jobs that contains
//! that neighbour, until the chosen number of routes is ruined. About
//! `average_removed` jobs go per call; strings are at most `max_string` long.

use super::state::SearchState;
use crate::problem::JobId;
use rand::{Rng, RngExt};

/// Parameters of the string removal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RuinConfig {
    /// Average number of jobs removed per ruin (SISR's c̄, default 10).
    pub average_removed: f64,
    /// Longest string removed from one route (SISR's L_max, default 10).
    pub max_string: usize,
}

impl Default for RuinConfig {
    fn default() -> RuinConfig {
        RuinConfig {
            average_removed: 10.0,
            max_string: 10,
        }
    }
}

/// Removes strings of jobs around a random seed job; returns the removed
/// jobs (the routes are refreshed). `nearest` lists, per job, other jobs
/// nearest first.
pub fn ruin(
    state: &mut SearchState<'_>,
    nearest: &[Vec<JobId>],
    config: &RuinConfig,
    rng: &mut impl Rng,
) -> Vec<JobId> {
    let routed: Vec<JobId> = (0..state.problem().num_jobs())
        .map(JobId)
        .filter(|&j| state.position(j).is_some())
        .collect();
    if routed.is_empty() {
        return Vec::new();
    }
    let used = state
        .routes()
        .iter()
        .filter(|r| !r.is_empty())
        .count()
        .max(1);
    let average_len = routed.len() as f64 / used as f64;
    let string_cap = (config.max_string as f64).min(average_len).max(1.0);
    let max_strings = (4.0 * config.average_removed / (1.0 + string_cap) - 1.0).max(1.0);
    let strings = rng.random_range(1.0..=max_strings).floor() as usize;

    let seed = routed[rng.random_range(0..routed.len())];
    let mut ruined_routes: Vec<usize> = Vec::new();
    let mut removed: Vec<JobId> = Vec::new();
    for &job in std::iter::once(&seed).chain(nearest[seed.0].iter()) {
        if ruined_routes.len() >= strings {
            break;
        }
        let Some(position) = state.position(job) else {
            continue;
        };
        if ruined_routes.contains(&position.route) {
            continue;
        }
        let route = state.route(position.route);
        let cap = (string_cap as usize).min(route.len()).max(1);
        let len = rng.random_range(1..=cap);
        // A string of `len` positions that contains `job`.
        let first_min = position.position.saturating_sub(len - 1).max(1);
        let first_max = position.position.min(route.len() + 1 - len);
        let first = rng.random_range(first_min..=first_max);
        let string: Vec<JobId> = route.jobs()[first - 1..first - 1 + len].to_vec();
        for &j in &string {
            state.take_out(j);
        }
        removed.extend(string);
        ruined_routes.push(position.route);
    }
    state.refresh(&ruined_routes);
    removed
}
