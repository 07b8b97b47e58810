//! Granular neighbourhoods: for every job, its `k` nearest jobs under a
//! time-window-aware proximity (Vidal et al. 2013).
//!
//! The proximity of `i -> j` is the travel distance plus a fraction of the
//! waiting time and the full time warp that visiting `j` right after `i`
//! implies at best. Lists are symmetric in the sense that the proximity of a
//! pair is the smaller of both directions.

use crate::problem::{JobId, Problem};

/// Weight of unavoidable waiting in the proximity.
const WAIT_WEIGHT: f64 = 0.2;
/// Weight of unavoidable time warp in the proximity.
const WARP_WEIGHT: f64 = 1.0;

/// The `k` nearest jobs of every job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Neighbours {
    lists: Vec<Vec<JobId>>,
}

impl Neighbours {
    /// Computes the lists; O(n² log k) time, O(n k) memory.
    pub fn new(problem: &Problem, k: usize) -> Neighbours {
        let n = problem.num_jobs();
        let proximity = |i: usize, j: usize| -> f64 {
            let (a, b) = (problem.job(JobId(i)), problem.job(JobId(j)));
            let travel = problem.travel_time(a.location, b.location).get() as f64;
            let distance = problem.distance(a.location, b.location).get() as f64;
            let (ea, la, sa) = (
                a.time_window.start.get() as f64,
                a.time_window.end.get() as f64,
                a.service.get() as f64,
            );
            let (eb, lb) = (
                b.time_window.start.get() as f64,
                b.time_window.end.get() as f64,
            );
            let wait = (eb - sa - travel - la).max(0.0);
            let warp = (ea + sa + travel - lb).max(0.0);
            distance + WAIT_WEIGHT * wait + WARP_WEIGHT * warp
        };
        let mut lists = Vec::with_capacity(n);
        let mut candidates: Vec<(f64, usize)> = Vec::with_capacity(n);
        for i in 0..n {
            candidates.clear();
            candidates.extend(
                (0..n)
                    .filter(|&j| j != i)
                    .map(|j| (proximity(i, j).min(proximity(j, i)), j)),
            );
            let k = k.min(candidates.len());
            let by_proximity =
                |a: &(f64, usize), b: &(f64, usize)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
            if k < candidates.len() {
                candidates.select_nth_unstable_by(k, by_proximity);
            }
            candidates.truncate(k);
            candidates.sort_unstable_by(by_proximity);
            lists.push(candidates.iter().map(|&(_, j)| JobId(j)).collect());
        }
        Neighbours { lists }
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
