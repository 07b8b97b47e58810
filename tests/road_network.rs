//! Travel matrices from road networks: shortest paths, profiles, one-way
//! streets, unreachable locations, and a problem solved on them.

mod common;

use lastmile::network::{NetworkError, RoadNetwork};
use lastmile::{Duration, JobSpec, ProblemBuilder, Rounding, Solver, VehicleTypeSpec};
use proptest::prelude::*;

/// A `width` x `height` grid of two-way unit roads; profile 0 takes 1
/// minute per road, profile 1 takes 3 (a slower vehicle).
fn grid(width: usize, height: usize) -> (RoadNetwork, Vec<Vec<lastmile::network::Junction>>) {
    let mut roads = RoadNetwork::new(2);
    let nodes: Vec<Vec<_>> = (0..height)
        .map(|y| {
            (0..width)
                .map(|x| roads.add_junction(x as f64, y as f64))
                .collect()
        })
        .collect();
    for y in 0..height {
        for x in 0..width {
            if x + 1 < width {
                roads.add_two_way_road(nodes[y][x], nodes[y][x + 1], 1.0, &[1.0, 3.0]);
            }
            if y + 1 < height {
                roads.add_two_way_road(nodes[y][x], nodes[y + 1][x], 1.0, &[1.0, 3.0]);
            }
        }
    }
    (roads, nodes)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// On a grid the fastest path is a Manhattan path, in every profile.
    #[test]
    fn grid_distances_are_manhattan(
        width in 1usize..8,
        height in 1usize..8,
        picks in prop::collection::vec((0usize..64, 0usize..64), 1..6),
    ) {
        let (roads, nodes) = grid(width, height);
        let cells: Vec<(usize, usize)> = picks
            .iter()
            .map(|&(a, b)| (a % width, b % height))
            .collect();
        let junctions: Vec<_> = cells.iter().map(|&(x, y)| nodes[y][x]).collect();
        let slow = roads.matrices(&junctions, 1).unwrap();
        let fast = roads.matrices(&junctions, 0).unwrap();
        for (i, &(x1, y1)) in cells.iter().enumerate() {
            for (j, &(x2, y2)) in cells.iter().enumerate() {
                let manhattan = (x1.abs_diff(x2) + y1.abs_diff(y2)) as f64;
                prop_assert_eq!(fast.distances[i][j], manhattan);
                prop_assert_eq!(fast.times[i][j], manhattan);
                prop_assert_eq!(slow.times[i][j], 3.0 * manhattan);
            }
        }
    }
}

#[test]
fn fastest_path_may_be_longer() {
    let mut roads = RoadNetwork::new(1);
    let a = roads.add_junction(0.0, 0.0);
    let b = roads.add_junction(2.0, 0.0);
    let ring = roads.add_junction(1.0, 2.0);
    roads.add_two_way_road(a, b, 2.0, &[10.0]); // short, slow (old town)
    roads.add_two_way_road(a, ring, 2.5, &[2.0]); // ring road
    roads.add_two_way_road(ring, b, 2.5, &[2.0]);
    let m = roads.matrices(&[a, b], 0).unwrap();
    assert_eq!((m.times[0][1], m.distances[0][1]), (4.0, 5.0));
}

#[test]
fn unreachable_locations_are_errors() {
    let mut roads = RoadNetwork::new(1);
    let depot = roads.add_junction(0.0, 0.0);
    let dead_end = roads.add_junction(1.0, 0.0);
    let island = roads.add_junction(5.0, 5.0);
    roads.add_road(depot, dead_end, 1.0, &[1.0]); // one way in, no way out
    let error = roads.matrices(&[depot, dead_end], 0).unwrap_err();
    assert_eq!(
        error,
        NetworkError::Unreachable {
            from: 1,
            to: 0,
            from_junction: 1,
            to_junction: 0
        }
    );
    assert!(error.to_string().contains("cannot be reached"));
    assert!(matches!(
        roads.matrices(&[depot, island], 0),
        Err(NetworkError::Unreachable { to: 1, .. })
    ));
    assert!(matches!(
        roads.matrices(&[depot, lastmile::network::Junction::new(9)], 0),
        Err(NetworkError::UnknownJunction {
            location: 1,
            junction: 9,
            ..
        })
    ));
    assert!(matches!(
        roads.matrices(&[depot], 3),
        Err(NetworkError::UnknownProfile { profile: 3, .. })
    ));
    roads.add_road(dead_end, depot, -1.0, &[1.0]);
    assert!(matches!(
        roads.matrices(&[depot], 0),
        Err(NetworkError::InvalidRoad { road: 1, .. })
    ));
}

/// A one-way street makes the matrix asymmetric; the solver plans on it and
/// the checker agrees.
#[test]
fn problem_on_a_road_network_is_solved() {
    let (mut roads, nodes) = grid(6, 6);
    // A fast one-way boulevard along the bottom row, eastbound.
    roads.add_road(nodes[0][0], nodes[0][5], 5.0, &[1.0, 3.0]);
    let depot = nodes[0][0];
    let homes = [
        nodes[0][5],
        nodes[3][4],
        nodes[5][1],
        nodes[2][2],
        nodes[4][5],
    ];
    let mut junctions = vec![depot];
    junctions.extend(homes);
    let travel = roads.matrices(&junctions, 0).unwrap();
    assert_eq!(travel.times[0][1], 1.0);
    assert_eq!(travel.times[1][0], 5.0);

    let mut b = ProblemBuilder::new(Rounding::Precise);
    let locations: Vec<_> = junctions
        .iter()
        .map(|_| b.add_unplaced_location())
        .collect();
    travel.apply(&mut b);
    for &home in &locations[1..] {
        b.add_job(JobSpec::at(home).demand(&[1]).service(2.0));
    }
    b.add_vehicle_type(VehicleTypeSpec::new(locations[0], 2, &[3]).shift(0.0, 120.0));
    let problem = b.build().unwrap();
    assert_eq!(problem.travel_time(locations[1], locations[0]).get(), 5_000);
    let solution = Solver::new().iteration_limit(500).solve(&problem).solution;
    common::assert_feasible(&problem, &solution, "road network");
    assert!(solution.unassigned().is_empty());
}

/// Vans use the network's first profile, bikes its second (three times
/// slower) through an explicit travel profile; schedules, the checker and
/// the JSON file follow each type's own times.
#[test]
fn each_vehicle_type_drives_its_own_profile() {
    let (roads, nodes) = grid(5, 5);
    let junctions = vec![nodes[0][0], nodes[4][4], nodes[2][3]];
    let vans = roads.matrices(&junctions, 0).unwrap();
    let bikes = roads.matrices(&junctions, 1).unwrap();
    let mut b = ProblemBuilder::new(Rounding::Precise);
    let locations: Vec<_> = junctions
        .iter()
        .map(|_| b.add_unplaced_location())
        .collect();
    vans.apply(&mut b);
    let bike_profile = bikes.add_as_profile(&mut b);
    assert_eq!(bike_profile, 1);
    for &home in &locations[1..] {
        b.add_job(JobSpec::at(home).demand(&[1]));
    }
    b.add_vehicle_type(VehicleTypeSpec::new(locations[0], 1, &[1]));
    b.add_vehicle_type(VehicleTypeSpec::new(locations[0], 1, &[1]).travel_profile(bike_profile));
    let problem = b.build().unwrap();
    let (van, bike) = (lastmile::VehicleTypeId(0), lastmile::VehicleTypeId(1));
    assert_eq!(
        problem
            .travel_time_for(van, locations[0], locations[1], Duration::ZERO)
            .get(),
        8_000
    );
    assert_eq!(
        problem
            .travel_time_for(bike, locations[0], locations[1], Duration::ZERO)
            .get(),
        24_000
    );

    let solution = Solver::new().iteration_limit(200).solve(&problem).solution;
    common::assert_feasible(&problem, &solution, "profiles");
    let bike_route = solution
        .routes()
        .iter()
        .find(|r| r.vehicle_type == bike)
        .unwrap();
    let expected = 3 * problem
        .distance(locations[0], bike_route.stops[0].location)
        .get();
    assert_eq!(bike_route.stops[0].arrival.get(), expected);

    let text = lastmile::io::json::problem_to_json(&problem);
    let reread = lastmile::io::json::problem_from_json(&text).unwrap();
    assert_eq!(reread.explicit_profiles(), problem.explicit_profiles());
    assert_eq!(reread.vehicle_types(), problem.vehicle_types());

    let mut b = ProblemBuilder::new(Rounding::Precise);
    let depot = b.add_location(0.0, 0.0);
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[1]).travel_profile(2));
    assert!(matches!(
        b.build().unwrap_err(),
        lastmile::ModelError::UnknownTravelProfile {
            profile: 2,
            count: 0,
            ..
        }
    ));
}
