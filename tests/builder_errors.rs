//! One test per builder error kind: each names the offending item.

use lastmile::{Item, JobSpec, LocationId, ModelError, ProblemBuilder, Rounding, VehicleTypeSpec};

/// A valid builder: depot 0, one site at location 1, one job, one vehicle type.
fn valid() -> (ProblemBuilder, LocationId, LocationId) {
    let mut b = ProblemBuilder::new(Rounding::Precise);
    let depot = b.add_location(0.0, 0.0);
    let site = b.add_location(3.0, 4.0);
    b.add_job(
        JobSpec::at(site)
            .demand(&[1])
            .time_window(0.0, 10.0)
            .service(1.0),
    );
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 2, &[5]));
    (b, depot, site)
}

#[test]
fn valid_problem_builds() {
    let (b, depot, site) = valid();
    let problem = b.build().unwrap();
    assert_eq!(problem.num_jobs(), 1);
    assert_eq!(problem.distance(depot, site).get(), 5000);
}

#[test]
fn unknown_location_of_a_job() {
    let (mut b, _, _) = valid();
    b.add_job(JobSpec::at(LocationId(9)));
    assert_eq!(
        b.build().unwrap_err(),
        ModelError::UnknownLocation {
            item: Item::Job(1),
            location: 9,
            count: 2
        }
    );
}

#[test]
fn unknown_depot_of_a_vehicle_type() {
    let (mut b, depot, _) = valid();
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[5]).end_depot(LocationId(7)));
    assert!(matches!(
        b.build().unwrap_err(),
        ModelError::UnknownLocation {
            item: Item::VehicleType(1),
            location: 7,
            ..
        }
    ));
}

#[test]
fn nan_coordinate() {
    let (mut b, _, _) = valid();
    b.add_location(f64::NAN, 1.0);
    assert!(matches!(
        b.build().unwrap_err(),
        ModelError::NonFiniteCoordinate { location: 2, .. }
    ));
}

#[test]
fn infinite_coordinate() {
    let (mut b, _, _) = valid();
    b.add_location(1.0, f64::INFINITY);
    assert!(matches!(
        b.build().unwrap_err(),
        ModelError::NonFiniteCoordinate { location: 2, .. }
    ));
}

#[test]
fn location_without_coordinates_needs_a_matrix() {
    let (mut b, _, _) = valid();
    b.add_unplaced_location();
    assert_eq!(
        b.build().unwrap_err(),
        ModelError::MissingCoordinates { location: 2 }
    );
    b.distance_matrix(vec![vec![0, 1, 2], vec![1, 0, 1], vec![2, 1, 0]]);
    assert!(b.build().is_ok());
}

#[test]
fn time_window_start_after_end() {
    let (mut b, _, site) = valid();
    b.add_job(JobSpec::at(site).time_window(20.0, 10.0));
    assert_eq!(
        b.build().unwrap_err(),
        ModelError::InvalidTimeWindow {
            item: Item::Job(1),
            start: 20.0,
            end: 10.0
        }
    );
}

#[test]
fn shift_start_after_end() {
    let (mut b, depot, _) = valid();
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[5]).shift(8.0, 4.0));
    assert!(matches!(
        b.build().unwrap_err(),
        ModelError::InvalidTimeWindow {
            item: Item::VehicleType(1),
            ..
        }
    ));
}

#[test]
fn nan_time_window() {
    let (mut b, _, site) = valid();
    b.add_job(JobSpec::at(site).time_window(f64::NAN, 10.0));
    assert!(matches!(
        b.build().unwrap_err(),
        ModelError::NonFiniteValue {
            item: Item::Job(1),
            field: "time window start",
            ..
        }
    ));
}

#[test]
fn infinite_window_end_means_unbounded() {
    let (mut b, _, site) = valid();
    b.add_job(JobSpec::at(site).time_window(0.0, f64::INFINITY));
    let problem = b.build().unwrap();
    assert_eq!(
        problem.jobs()[1].time_window.end,
        lastmile::Duration::UNBOUNDED
    );
}

#[test]
fn negative_demand() {
    let (mut b, _, site) = valid();
    b.add_job(JobSpec::at(site).demand(&[-3]));
    assert_eq!(
        b.build().unwrap_err(),
        ModelError::NegativeDemand {
            item: Item::Job(1),
            kind: "demand",
            dimension: 0,
            value: -3
        }
    );
}

#[test]
fn negative_or_mismatched_pickup() {
    let (mut b, _, site) = valid();
    b.add_job(JobSpec::at(site).demand(&[1]).pickup(&[-2]));
    let error = b.build().unwrap_err();
    assert_eq!(
        error,
        ModelError::NegativeDemand {
            item: Item::Job(1),
            kind: "pickup",
            dimension: 0,
            value: -2
        }
    );
    assert_eq!(
        error.to_string(),
        "job 1: pickup -2 in dimension 0 is negative"
    );

    let (mut b, _, site) = valid();
    b.add_job(JobSpec::at(site).pickup(&[1, 2]));
    assert!(matches!(
        b.build().unwrap_err(),
        ModelError::DimensionMismatch {
            item: Item::Job(1),
            expected: 1,
            found: 2
        }
    ));
}

#[test]
fn negative_capacity() {
    let (mut b, depot, _) = valid();
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[-5]));
    assert!(matches!(
        b.build().unwrap_err(),
        ModelError::NegativeCapacity {
            item: Item::VehicleType(1),
            dimension: 0,
            value: -5
        }
    ));
}

#[test]
fn negative_service_time() {
    let (mut b, _, site) = valid();
    b.add_job(JobSpec::at(site).service(-1.0));
    assert!(matches!(
        b.build().unwrap_err(),
        ModelError::NegativeDuration {
            item: Item::Job(1),
            field: "service time",
            ..
        }
    ));
}

#[test]
fn nan_service_time() {
    let (mut b, _, site) = valid();
    b.add_job(JobSpec::at(site).service(f64::NAN));
    assert!(matches!(
        b.build().unwrap_err(),
        ModelError::NonFiniteValue {
            item: Item::Job(1),
            ..
        }
    ));
}

#[test]
fn no_vehicle_types_is_an_empty_fleet() {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let site = b.add_location(0.0, 0.0);
    b.add_job(JobSpec::at(site));
    assert_eq!(b.build().unwrap_err(), ModelError::EmptyFleet);
}

#[test]
fn zero_vehicles_is_an_empty_fleet() {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 0, &[5]));
    assert_eq!(b.build().unwrap_err(), ModelError::EmptyFleet);
}

#[test]
fn demand_dimensions_must_match_capacity() {
    let (mut b, _, site) = valid();
    b.add_job(JobSpec::at(site).demand(&[1, 2]));
    assert_eq!(
        b.build().unwrap_err(),
        ModelError::DimensionMismatch {
            item: Item::Job(1),
            expected: 1,
            found: 2
        }
    );
}

#[test]
fn capacity_dimensions_must_match_between_types() {
    let (mut b, depot, _) = valid();
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[5, 5]));
    assert_eq!(
        b.build().unwrap_err(),
        ModelError::DimensionMismatch {
            item: Item::VehicleType(1),
            expected: 1,
            found: 2
        }
    );
}

#[test]
fn too_many_dimensions() {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[1, 2, 3, 4, 5]));
    assert!(matches!(
        b.build().unwrap_err(),
        ModelError::TooManyDimensions {
            item: Item::VehicleType(0),
            found: 5,
            ..
        }
    ));
}

#[test]
fn two_dimensions_work() {
    let mut b = ProblemBuilder::new(Rounding::Round);
    let depot = b.add_location(0.0, 0.0);
    let site = b.add_location(1.0, 0.0);
    b.add_job(JobSpec::at(site).demand(&[3, 40]));
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[10, 100]));
    let problem = b.build().unwrap();
    assert_eq!(problem.dimensions(), 2);
    assert_eq!(problem.jobs()[0].demand.get(1), 40);
}

#[test]
fn matrix_with_missing_rows() {
    let (mut b, _, _) = valid();
    b.distance_matrix(vec![vec![0, 1]]);
    assert_eq!(
        b.build().unwrap_err(),
        ModelError::MatrixRows {
            matrix: "distance",
            expected: 2,
            found: 1
        }
    );
}

#[test]
fn matrix_with_short_row() {
    let (mut b, _, _) = valid();
    b.duration_matrix(vec![vec![0, 1], vec![1]]);
    assert_eq!(
        b.build().unwrap_err(),
        ModelError::MatrixShape {
            matrix: "duration",
            row: 1,
            expected: 2,
            found: 1
        }
    );
}

#[test]
fn negative_matrix_entry() {
    let (mut b, _, _) = valid();
    b.distance_matrix(vec![vec![0, -1], vec![1, 0]]);
    assert!(matches!(
        b.build().unwrap_err(),
        ModelError::MatrixValue {
            matrix: "distance",
            from: 0,
            to: 1,
            value: -1,
            ..
        }
    ));
}

#[test]
fn explicit_matrices_are_used() {
    let (mut b, depot, site) = valid();
    b.distance_matrix(vec![vec![0, 7], vec![8, 0]]);
    b.duration_matrix(vec![vec![0, 70], vec![80, 0]]);
    let problem = b.build().unwrap();
    assert_eq!(problem.distance(site, depot).get(), 8);
    assert_eq!(problem.travel_time(depot, site).get(), 70);
}

#[test]
fn errors_read_well() {
    let (mut b, _, site) = valid();
    b.add_job(JobSpec::at(site).time_window(20.0, 10.0));
    let message = b.build().unwrap_err().to_string();
    assert!(
        message.contains("job 1") && message.contains("[20, 10]"),
        "{message}"
    );
}

#[test]
fn too_many_locations_for_a_dense_matrix() {
    let (mut b, _, _) = valid();
    for i in 0..lastmile::problem::Matrix::MAX_LOCATIONS {
        b.add_location(i as f64, 0.0);
    }
    assert!(matches!(
        b.build().unwrap_err(),
        ModelError::TooManyLocations { .. }
    ));
}

#[test]
fn empty_skill_name() {
    let (mut b, _, site) = valid();
    b.add_job(JobSpec::at(site).skills(&["fridge", " "]));
    assert_eq!(
        b.build().unwrap_err(),
        ModelError::EmptySkillName { item: Item::Job(1) }
    );
}

#[test]
fn too_many_skills() {
    let (mut b, _, site) = valid();
    let names: Vec<String> = (0..=64).map(|i| format!("skill {i}")).collect();
    for name in &names {
        b.add_job(JobSpec::at(site).skills(&[name.as_str()]));
    }
    assert_eq!(
        b.build().unwrap_err(),
        ModelError::TooManySkills {
            item: Item::Job(65),
            max: 64
        }
    );
}

#[test]
fn skills_are_numbered_by_first_appearance() {
    let (mut b, depot, site) = valid();
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[5]).skills(&["lift", "cold"]));
    b.add_job(JobSpec::at(site).skills(&["cold", "id check"]));
    let problem = b.build().unwrap();
    let job = &problem.jobs()[1];
    assert_eq!(problem.skill_names(job.skills), vec!["cold", "id check"]);
    assert!(problem.vehicle_types()[1]
        .skills
        .covers(problem.jobs()[0].skills));
    assert!(!problem.vehicle_types()[1].skills.covers(job.skills));
    assert_eq!(problem.skill_name(0), Some("lift"));
}

#[test]
fn negative_or_infinite_route_limit() {
    let (mut b, depot, _) = valid();
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[5]).max_distance(-1.0));
    assert_eq!(
        b.build().unwrap_err(),
        ModelError::NegativeDuration {
            item: Item::VehicleType(1),
            field: "maximum distance",
            value: -1.0
        }
    );
    let (mut b, depot, _) = valid();
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[5]).max_duration(f64::NAN));
    assert!(matches!(
        b.build().unwrap_err(),
        ModelError::NonFiniteValue {
            item: Item::VehicleType(1),
            field: "maximum duration",
            ..
        }
    ));
}

#[test]
fn negative_or_infinite_costs_and_penalties() {
    let (mut b, depot, _) = valid();
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[5]).costs(10.0, -0.5, 0.0));
    assert_eq!(
        b.build().unwrap_err(),
        ModelError::NegativeDuration {
            item: Item::VehicleType(1),
            field: "cost per distance",
            value: -0.5
        }
    );
    let (mut b, depot, _) = valid();
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[5]).costs(f64::INFINITY, 1.0, 0.0));
    assert!(matches!(
        b.build().unwrap_err(),
        ModelError::NonFiniteValue {
            item: Item::VehicleType(1),
            field: "fixed cost",
            ..
        }
    ));
    let (mut b, _, site) = valid();
    b.add_job(JobSpec::at(site).optional(-3.0));
    assert_eq!(
        b.build().unwrap_err(),
        ModelError::NegativeDuration {
            item: Item::Job(1),
            field: "penalty",
            value: -3.0
        }
    );
}

#[test]
fn alternative_place_must_exist_and_have_a_valid_window() {
    let (mut b, _, site) = valid();
    b.add_job(JobSpec::at(site).alternative(LocationId(9), None));
    assert_eq!(
        b.build().unwrap_err(),
        ModelError::UnknownLocation {
            item: Item::Job(1),
            location: 9,
            count: 2
        }
    );
    let (mut b, _, site) = valid();
    b.add_job(JobSpec::at(site).time_windows(&[(0.0, 10.0), (30.0, 20.0)]));
    assert!(matches!(
        b.build().unwrap_err(),
        ModelError::InvalidTimeWindow {
            item: Item::Job(1),
            ..
        }
    ));
}

#[test]
fn speed_factor_must_be_positive_and_finite() {
    let (mut b, depot, _) = valid();
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[5]).speed_factor(0.0));
    assert!(matches!(
        b.build().unwrap_err(),
        ModelError::NotPositive {
            item: Item::VehicleType(1),
            field: "speed factor",
            ..
        }
    ));
    let (mut b, depot, _) = valid();
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[5]).speed_factor(f64::NAN));
    assert!(matches!(
        b.build().unwrap_err(),
        ModelError::NonFiniteValue { .. }
    ));
}

#[test]
fn total_load_beyond_the_supported_range() {
    let (mut b, _, site) = valid();
    b.add_job(JobSpec::at(site).demand(&[2_000_000_000]));
    b.add_job(JobSpec::at(site).pickup(&[200_000_000]));
    assert_eq!(
        b.build().unwrap_err(),
        ModelError::TotalLoadTooLarge {
            dimension: 0,
            total: 2_200_000_001,
            max: i32::MAX as i64
        }
    );
    let (mut b, _, site) = valid();
    b.add_job(JobSpec::at(site).demand(&[i64::MAX]).pickup(&[i64::MAX]));
    assert!(matches!(
        b.build().unwrap_err(),
        ModelError::TotalLoadTooLarge {
            total: i64::MAX,
            ..
        }
    ));
}

#[test]
fn a_route_limit_of_no_stops() {
    let (mut b, depot, _) = valid();
    b.add_vehicle_type(VehicleTypeSpec::new(depot, 1, &[5]).max_stops(0));
    assert_eq!(
        b.build().unwrap_err(),
        ModelError::NotPositive {
            item: Item::VehicleType(1),
            field: "maximum stops",
            value: 0.0
        }
    );
}
