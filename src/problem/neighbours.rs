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
        let jobs: Vec<JobData> = problem.jobs().iter().map(JobData::of).collect();
        // Distances from coordinates are symmetric, and no arc is shorter
        // than `length * scale - 1` (truncated or rounded): a pair whose
        // squared length shows that its distance, a lower bound of its
        // proximity, cannot beat a row's threshold is skipped unseen.
        let points: Option<Vec<(f64, f64)>> = (!problem.has_explicit_distances())
            .then(|| {
                jobs.iter()
                    .map(|job| problem.coordinates(job.location))
                    .collect()
            })
            .flatten();
        let times_are_distances = problem.duration_matrix().is_none();
        let scale = problem.scale() as f64;
        let block = |first: usize| -> Vec<Vec<JobId>> {
            let rows = BLOCK.min(n - first);
            // Per row: candidates so far, and the proximity a new candidate
            // must beat once the list has been cut to the best `k` (later
            // jobs lose ties, so equal proximities are skipped).
            let keep = 4 * k;
            let mut candidates: Vec<Vec<(f64, usize)>> = vec![Vec::with_capacity(keep + 1); rows];
            let mut threshold = vec![f64::INFINITY; rows];
            // Squared length from which a pair is skipped, per row.
            let mut skip_from = vec![f64::INFINITY; rows];
            for (j, b) in jobs.iter().enumerate() {
                for (row, list) in candidates.iter_mut().enumerate() {
                    let i = first + row;
                    if i == j {
                        continue;
                    }
                    let a = &jobs[i];
                    if let Some(points) = &points {
                        let (dx, dy) = (points[i].0 - points[j].0, points[i].1 - points[j].1);
                        if dx * dx + dy * dy > skip_from[row] {
                            continue;
                        }
                    }
                    let value = match &points {
                        Some(_) if times_are_distances => {
                            let d = problem.distance(a.location, b.location).get() as f64;
                            proximity(a, b, d, d).min(proximity(b, a, d, d))
                        }
                        _ => {
                            let forward = proximity(
                                a,
                                b,
                                problem.distance(a.location, b.location).get() as f64,
                                problem.travel_time(a.location, b.location).get() as f64,
                            );
                            let backward = proximity(
                                b,
                                a,
                                problem.distance(b.location, a.location).get() as f64,
                                problem.travel_time(b.location, a.location).get() as f64,
                            );
                            forward.min(backward)
                        }
                    };
                    if value >= threshold[row] {
                        continue;
                    }
                    list.push((value, j));
                    if list.len() > keep {
                        let kept = nearest_first(list, k).len();
                        threshold[row] = list[kept - 1].0;
                        list.truncate(kept);
                        // length * scale - 1 >= threshold, with a margin for
                        // the rounding of the squared length.
                        let length = (threshold[row] + 1.0) / scale;
                        skip_from[row] = length * length * (1.0 + 1e-9) + 1e-12;
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

impl JobData {
    fn of(job: &crate::Job) -> JobData {
        JobData {
            location: job.location,
            start: job.time_window.start.get() as f64,
            end: job.time_window.end.get() as f64,
            service: job.service.get() as f64,
        }
    }
}

/// Proximity of visiting `b` right after `a`, `distance` and `travel`
/// apart: distance plus weighted unavoidable waiting and time warp.
#[inline]
fn proximity(a: &JobData, b: &JobData, distance: f64, travel: f64) -> f64 {
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

    /// The lists by the definition: every pair's proximity, fully sorted.
    fn brute_force(problem: &Problem, k: usize) -> Vec<Vec<JobId>> {
        let data: Vec<JobData> = problem.jobs().iter().map(JobData::of).collect();
        let one_way = |a: &JobData, b: &JobData| {
            proximity(
                a,
                b,
                problem.distance(a.location, b.location).get() as f64,
                problem.travel_time(a.location, b.location).get() as f64,
            )
        };
        (0..data.len())
            .map(|i| {
                let mut all: Vec<(f64, usize)> = (0..data.len())
                    .filter(|&j| j != i)
                    .map(|j| {
                        (
                            one_way(&data[i], &data[j]).min(one_way(&data[j], &data[i])),
                            j,
                        )
                    })
                    .collect();
                all.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                all.iter().take(k).map(|&(_, j)| JobId(j)).collect()
            })
            .collect()
    }

    #[test]
    fn lists_equal_the_definition_on_every_path() {
        use crate::generate::{generate, GeneratorConfig, Layout};
        use crate::problem::Matrix;
        for (layout, n, rounding) in [
            (Layout::Mixed, 300, Rounding::Dimacs),
            (Layout::Clustered, 200, Rounding::Round),
            (Layout::Random, 150, Rounding::Precise),
        ] {
            let problem = generate(&GeneratorConfig::new(layout, n, 5))
                .to_problem(rounding)
                .unwrap();
            for k in [1, 7, 50] {
                let expected = brute_force(&problem, k);
                assert_eq!(Neighbours::new(&problem, k).lists(), &expected[..]);
                assert_eq!(Neighbours::compute(&problem, k, 2).lists(), &expected[..]);
            }
            // The same jobs with the matrix given explicitly (no skipping
            // by coordinates, asymmetric reading).
            let size = problem.num_locations();
            let rows: Vec<Vec<i64>> = (0..size)
                .map(|a| {
                    (0..size)
                        .map(|b| problem.distance(LocationId(a), LocationId(b)).get())
                        .collect()
                })
                .collect();
            let mut builder = crate::ProblemBuilder::new(Rounding::Exact);
            for _ in 0..size {
                builder.add_location(0.0, 0.0);
            }
            builder.distance_matrix(rows);
            for job in problem.jobs() {
                builder.add_job(
                    JobSpec::at(job.location)
                        .time_window(
                            job.time_window.start.get() as f64,
                            job.time_window.end.get() as f64,
                        )
                        .service(job.service.get() as f64),
                );
            }
            builder.add_vehicle_type(VehicleTypeSpec::new(
                problem.vehicle_types()[0].start_depot,
                1,
                &[],
            ));
            let explicit = builder.build().unwrap();
            assert_eq!(
                Neighbours::new(&explicit, 20).lists(),
                &brute_force(&problem, 20)[..]
            );
        }
        // Large enough for arcs computed on demand.
        let problem = generate(&GeneratorConfig::new(
            Layout::Random,
            Matrix::ON_DEMAND_FROM,
            2,
        ))
        .to_problem(Rounding::Dimacs)
        .unwrap();
        assert!(problem.distance_matrix().is_on_demand());
        let lists = Neighbours::compute(&problem, 10, 2);
        let expected = brute_force(&problem, 10);
        assert_eq!(lists.lists(), &expected[..]);
    }

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
