//! Granular neighbourhoods: for every job, its `k` nearest jobs under a
//! time-window-aware proximity (Vidal et al. 2013).
//!
//! The proximity of `i -> j` is the travel distance plus a fraction of the
//! waiting time and the full time warp that visiting `j` right after `i`
//! implies at best. Lists are symmetric in the sense that the proximity of a
//! pair is the smaller of both directions.

use crate::problem::{JobId, LocationId, Problem};
use rayon::prelude::*;

/// Weight of unavoidable waiting in the proximity.
const WAIT_WEIGHT: f64 = 0.2;
/// Weight of unavoidable time warp in the proximity.
const WARP_WEIGHT: f64 = 1.0;

/// The `k` nearest jobs of every job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Neighbours {
    lists: Vec<Vec<JobId>>,
}

/// Rows of jobs whose lists are computed together: the arcs back to a block
/// (`j -> i` for every `i` in it) lie next to each other in row `j` of the
/// matrices, so that both directions are read along rows.
const BLOCK: usize = 64;

impl Neighbours {
    /// Computes the lists on the calling thread; O(n² + n k log k) time,
    /// O(n k) memory (see [`Neighbours::compute`]).
    pub fn new(problem: &Problem, k: usize) -> Neighbours {
        Neighbours::compute(problem, k, 1)
    }

    /// Computes the lists with `threads` worker threads (1: the calling
    /// thread). The lists do not depend on the number of threads.
    pub fn compute(problem: &Problem, k: usize, threads: usize) -> Neighbours {
        let n = problem.num_jobs();
        if k == 0 {
            return Neighbours {
                lists: vec![Vec::new(); n],
            };
        }
        let jobs: Vec<JobData> = problem
            .jobs()
            .iter()
            .map(|job| JobData {
                location: job.location,
                start: job.time_window.start.get() as f64,
                end: job.time_window.end.get() as f64,
                service: job.service.get() as f64,
            })
            .collect();
        let block = |first: usize| -> Vec<Vec<JobId>> {
            let rows = BLOCK.min(n - first);
            // Per row: candidates so far, and the proximity a new candidate
            // must beat once the list has been cut to the best `k` (later
            // jobs lose ties, so equal proximities are skipped).
            let keep = 4 * k.max(1);
            let mut candidates: Vec<Vec<(f64, usize)>> = vec![Vec::with_capacity(keep + 1); rows];
            let mut threshold = vec![f64::INFINITY; rows];
            for (j, b) in jobs.iter().enumerate() {
                for (row, list) in candidates.iter_mut().enumerate() {
                    let i = first + row;
                    if i == j {
                        continue;
                    }
                    let a = &jobs[i];
                    let value = proximity(problem, a, b).min(proximity(problem, b, a));
                    if value >= threshold[row] {
                        continue;
                    }
                    list.push((value, j));
                    if list.len() > keep {
                        let kept = nearest_first(list, k).len();
                        threshold[row] = list[kept - 1].0;
                        list.truncate(kept);
                    }
                }
            }
            candidates
                .into_iter()
                .map(|mut list| {
                    nearest_first(&mut list, k)
                        .iter()
                        .map(|&(_, j)| JobId(j))
                        .collect()
                })
                .collect()
        };
        let firsts: Vec<usize> = (0..n).step_by(BLOCK).collect();
        let blocks: Vec<Vec<Vec<JobId>>> = if threads <= 1 || n < 2 * BLOCK {
            firsts.iter().map(|&first| block(first)).collect()
        } else {
            match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
                Ok(pool) => pool.install(|| firsts.par_iter().map(|&first| block(first)).collect()),
                Err(_) => firsts.iter().map(|&first| block(first)).collect(),
            }
        };
        Neighbours {
            lists: blocks.into_iter().flatten().collect(),
        }
    }

    /// All lists, indexed by job.
    pub fn lists(&self) -> &[Vec<JobId>] {
        &self.lists
    }

    /// The neighbours of `job`, nearest first.
    pub fn of(&self, job: JobId) -> &[JobId] {
        &self.lists[job.0]
    }
}

/// What the proximity needs of a job, read once.
struct JobData {
    location: LocationId,
    start: f64,
    end: f64,
    service: f64,
}

/// Proximity of visiting `b` right after `a`: distance plus weighted
/// unavoidable waiting and time warp.
#[inline]
fn proximity(problem: &Problem, a: &JobData, b: &JobData) -> f64 {
    let travel = problem.travel_time(a.location, b.location).get() as f64;
    let distance = problem.distance(a.location, b.location).get() as f64;
    let wait = (b.start - a.service - travel - a.end).max(0.0);
    let warp = (a.start + a.service + travel - b.end).max(0.0);
    distance + WAIT_WEIGHT * wait + WARP_WEIGHT * warp
}

/// Moves the `k` entries of `candidates` with the smallest proximity to the
/// front, nearest first (ties by job index), and returns them.
fn nearest_first(candidates: &mut [(f64, usize)], k: usize) -> &[(f64, usize)] {
    let k = k.min(candidates.len());
    let by_proximity = |a: &(f64, usize), b: &(f64, usize)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
    if k < candidates.len() {
        candidates.select_nth_unstable_by(k, by_proximity);
    }
    let chosen = &mut candidates[..k];
    chosen.sort_unstable_by(by_proximity);
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{JobSpec, ProblemBuilder, Rounding, VehicleTypeSpec};

    #[test]
    fn time_windows_push_incompatible_jobs_away() {
        let mut b = ProblemBuilder::new(Rounding::Round);
        let depot = b.add_location(0.0, 0.0);
        let here = b.add_location(10.0, 0.0);
        let close_but_late = b.add_location(11.0, 0.0);
        let farther_in_time = b.add_location(14.0, 0.0);
        b.add_job(JobSpec::at(here).time_window(0.0, 10.0));
        b.add_job(JobSpec::at(close_but_late).time_window(500.0, 510.0));
        b.add_job(JobSpec::at(farther_in_time).time_window(10.0, 20.0));
        b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[]));
        let problem = b.build().unwrap();
        let neighbours = Neighbours::new(&problem, 2);
        assert_eq!(neighbours.of(JobId(0)), &[JobId(2), JobId(1)]);
        assert_eq!(Neighbours::new(&problem, 1).of(JobId(0)), &[JobId(2)]);
    }
}
