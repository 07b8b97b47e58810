//! Travel matrices from a road network: a directed [`petgraph`] graph whose
//! nodes are road junctions (with coordinates) and whose edges are road
//! segments with a length and a travel time per speed profile (e.g. van,
//! cargo bike). Shortest paths (fastest by travel time, shortest length on
//! ties) are computed from every location in parallel, and a location that
//! cannot reach another is reported as an error, never as an infinite arc.
//!
//! ```
//! use lastmile::network::RoadNetwork;
//! use lastmile::{JobSpec, ProblemBuilder, Rounding, VehicleTypeSpec};
//!
//! let mut roads = RoadNetwork::new(1); // one speed profile
//! let depot = roads.add_junction(0.0, 0.0);
//! let corner = roads.add_junction(1.0, 0.0);
//! let home = roads.add_junction(1.0, 1.0);
//! roads.add_two_way_road(depot, corner, 1.0, &[2.0]); // 1 km, 2 min
//! roads.add_road(corner, home, 1.0, &[3.0]);          // one way
//! roads.add_road(home, depot, 1.5, &[4.0]);
//!
//! let travel = roads.matrices(&[depot, home], 0)?;
//! assert_eq!(travel.distances[0][1], 2.0); // depot -> corner -> home
//! assert_eq!(travel.times[1][0], 4.0);
//!
//! let mut builder = ProblemBuilder::new(Rounding::Precise);
//! let d = builder.add_unplaced_location();
//! let h = builder.add_unplaced_location();
//! travel.apply(&mut builder);
//! builder.add_job(JobSpec::at(h).demand(&[1]));
//! builder.add_vehicle_type(VehicleTypeSpec::new(d, 1, &[5]));
//! let problem = builder.build().expect("valid");
//! assert_eq!(problem.distance(d, h).get(), 2000);
//! # Ok::<(), lastmile::network::NetworkError>(())
//! ```

use crate::problem::{ProblemBuilder, Rounding};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use rayon::prelude::*;
use std::cmp::Ordering;

/// One location's row of distances and of travel times.
type MatrixRow = (Vec<f64>, Vec<f64>);
use std::collections::BinaryHeap;

/// A road junction (graph node).
pub type Junction = NodeIndex;

/// A road segment: its length and its travel time per speed profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Road {
    /// Length (e.g. km).
    pub length: f64,
    /// Travel time per profile (e.g. minutes).
    pub times: Vec<f64>,
}

/// Why travel matrices could not be built.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum NetworkError {
    /// No road path leads from one location to another.
    #[error("location {to} (junction {to_junction}) cannot be reached from location {from} (junction {from_junction})")]
    Unreachable {
        /// Index of the start in the list of locations.
        from: usize,
        /// Index of the unreachable location.
        to: usize,
        /// The start's junction.
        from_junction: usize,
        /// The unreachable junction.
        to_junction: usize,
    },
    /// A location names a junction the network does not have.
    #[error("location {location} is junction {junction}, but the network has {count} junctions")]
    UnknownJunction {
        /// Index in the list of locations.
        location: usize,
        /// The junction named.
        junction: usize,
        /// Junctions in the network.
        count: usize,
    },
    /// A road has a negative or non-finite length or travel time.
    #[error("road {road} from junction {from} to {to}: length and travel times must be finite and not negative")]
    InvalidRoad {
        /// Index of the road (in the order added).
        road: usize,
        /// Its start junction.
        from: usize,
        /// Its end junction.
        to: usize,
    },
    /// A speed profile the roads do not have.
    #[error("speed profile {profile} asked for, but roads have {count} profiles")]
    UnknownProfile {
        /// The profile asked for.
        profile: usize,
        /// Profiles per road.
        count: usize,
    },
}

/// A directed road graph.
#[derive(Clone, Debug)]
pub struct RoadNetwork {
    graph: DiGraph<(f64, f64), Road>,
    profiles: usize,
}

/// Distances and travel times between a list of locations, in the road
/// network's units.
#[derive(Clone, Debug, PartialEq)]
pub struct TravelMatrices {
    /// `distances[i][j]`: length of the fastest path from location `i` to `j`.
    pub distances: Vec<Vec<f64>>,
    /// `times[i][j]`: its travel time.
    pub times: Vec<Vec<f64>>,
}

impl TravelMatrices {
    /// Gives both matrices to `builder` (converted to its internal units),
    /// whose locations must be these, in the same order.
    pub fn apply(&self, builder: &mut ProblemBuilder) {
        let rounding = builder.rounding();
        builder.distance_matrix(in_units(&self.distances, rounding));
        builder.duration_matrix(in_units(&self.times, rounding));
    }

    /// Gives the travel times to `builder` as an extra travel-time profile
    /// (see [`ProblemBuilder::add_travel_profile`]) and returns its number,
    /// for vehicle types with their own speeds (e.g. cargo bikes).
    pub fn add_as_profile(&self, builder: &mut ProblemBuilder) -> usize {
        let rounding = builder.rounding();
        builder.add_travel_profile(in_units(&self.times, rounding))
    }
}

/// A matrix in the network's units as integers in `rounding`'s internal
/// units.
fn in_units(matrix: &[Vec<f64>], rounding: Rounding) -> Vec<Vec<i64>> {
    matrix
        .iter()
        .map(|row| row.iter().map(|&v| rounding.scale_value(v)).collect())
        .collect()
}

impl RoadNetwork {
    /// An empty network whose roads have `profiles` travel times each.
    pub fn new(profiles: usize) -> RoadNetwork {
        RoadNetwork {
            graph: DiGraph::new(),
            profiles,
        }
    }

    /// Adds a junction at `(x, y)`.
    pub fn add_junction(&mut self, x: f64, y: f64) -> Junction {
        self.graph.add_node((x, y))
    }

    /// Adds a one-way road. `times` has one travel time per profile; a
    /// missing one repeats the last (or is the length when none is given).
    pub fn add_road(&mut self, from: Junction, to: Junction, length: f64, times: &[f64]) {
        let mut times = times.to_vec();
        let last = times.last().copied().unwrap_or(length);
        times.resize(self.profiles.max(1), last);
        self.graph.add_edge(from, to, Road { length, times });
    }

    /// Adds a road in both directions.
    pub fn add_two_way_road(&mut self, a: Junction, b: Junction, length: f64, times: &[f64]) {
        self.add_road(a, b, length, times);
        self.add_road(b, a, length, times);
    }

    /// Number of junctions.
    pub fn junctions(&self) -> usize {
        self.graph.node_count()
    }

    /// The junction nearest to `(x, y)` (straight line), e.g. to snap an
    /// address to the network.
    pub fn nearest_junction(&self, x: f64, y: f64) -> Option<Junction> {
        self.graph.node_indices().min_by(|&a, &b| {
            let d = |n: Junction| {
                let (nx, ny) = self.graph[n];
                (nx - x).hypot(ny - y)
            };
            d(a).total_cmp(&d(b))
        })
    }

    /// Distance and travel-time matrices between `locations` (junctions,
    /// in the order of the problem's locations) for speed profile
    /// `profile`, one shortest-path search per location, in parallel.
    pub fn matrices(
        &self,
        locations: &[Junction],
        profile: usize,
    ) -> Result<TravelMatrices, NetworkError> {
        if profile >= self.profiles.max(1) {
            return Err(NetworkError::UnknownProfile {
                profile,
                count: self.profiles,
            });
        }
        if let Some(edge) = self.graph.edge_references().find(|e| {
            let road = e.weight();
            std::iter::once(road.length)
                .chain(road.times.iter().copied())
                .any(|v| !v.is_finite() || v < 0.0)
        }) {
            return Err(NetworkError::InvalidRoad {
                road: edge.id().index(),
                from: edge.source().index(),
                to: edge.target().index(),
            });
        }
        if let Some((location, junction)) = locations
            .iter()
            .enumerate()
            .find(|(_, j)| j.index() >= self.graph.node_count())
        {
            return Err(NetworkError::UnknownJunction {
                location,
                junction: junction.index(),
                count: self.graph.node_count(),
            });
        }
        // Every row, then the first error in row order: the same error
        // whichever thread finishes first.
        let rows: Vec<Result<MatrixRow, NetworkError>> = locations
            .par_iter()
            .enumerate()
            .map(|(from, &source)| {
                let reached = self.fastest_paths(source, profile);
                let mut distances = Vec::with_capacity(locations.len());
                let mut times = Vec::with_capacity(locations.len());
                for (to, target) in locations.iter().enumerate() {
                    let (time, length) =
                        reached[target.index()].ok_or(NetworkError::Unreachable {
                            from,
                            to,
                            from_junction: source.index(),
                            to_junction: target.index(),
                        })?;
                    distances.push(length);
                    times.push(time);
                }
                Ok((distances, times))
            })
            .collect();
        let rows = rows.into_iter().collect::<Result<Vec<MatrixRow>, _>>()?;
        let (distances, times) = rows.into_iter().unzip();
        Ok(TravelMatrices { distances, times })
    }

    /// Dijkstra from `source` by travel time (ties: shorter length):
    /// `(time, length)` per junction, `None` when unreachable.
    fn fastest_paths(&self, source: Junction, profile: usize) -> Vec<Option<(f64, f64)>> {
        let mut best: Vec<Option<(f64, f64)>> = vec![None; self.graph.node_count()];
        let mut queue = BinaryHeap::new();
        best[source.index()] = Some((0.0, 0.0));
        queue.push(Label {
            time: 0.0,
            length: 0.0,
            junction: source,
        });
        while let Some(Label {
            time,
            length,
            junction,
        }) = queue.pop()
        {
            if best[junction.index()].is_some_and(|b| (b.0, b.1) < (time, length)) {
                continue;
            }
            for edge in self.graph.edges(junction) {
                let road = edge.weight();
                let next = (time + road.times[profile], length + road.length);
                let slot = &mut best[edge.target().index()];
                if slot.is_none_or(|b| next < b) {
                    *slot = Some(next);
                    queue.push(Label {
                        time: next.0,
                        length: next.1,
                        junction: edge.target(),
                    });
                }
            }
        }
        best
    }
}

/// A tentative label in the Dijkstra queue (smallest time first).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Label {
    time: f64,
    length: f64,
    junction: Junction,
}

impl Eq for Label {}

impl Ord for Label {
    fn cmp(&self, other: &Label) -> Ordering {
        (other.time, other.length)
            .partial_cmp(&(self.time, self.length))
            .unwrap_or(Ordering::Equal)
    }
}

impl PartialOrd for Label {
    fn partial_cmp(&self, other: &Label) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
