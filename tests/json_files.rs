//! JSON problem and solution files: round trips on random problems with
//! every attribute, and clear errors for unknown fields, other versions
//! and inconsistent references.

mod common;

use common::random::{random_break_problem, random_problem, random_traffic_problem};
use lastmile::io::json::{
    problem_from_json, problem_to_json, solution_from_json, solution_to_json,
};
use lastmile::{LoadError, ModelError, Objective, SolutionError, Solver};
use proptest::prelude::*;

const DEMO: &str = r#"{
  "schema": "lastmile/problem", "version": 1,
  "name": "demo", "rounding": "precise",
  "locations": [{"x": 0, "y": 0}, {"x": 3, "y": 4}, {"x": 6, "y": 0}, {"x": 5, "y": 5}],
  "vehicle_types": [{
    "count": 2, "capacity": [10, 20], "start": 0, "shift": [0, 480],
    "skills": ["fridge"], "max_distance": 100,
    "costs": {"fixed": 40, "per_distance": 0.3, "per_time": 0.5}, "co2_per_distance": 120
  }],
  "jobs": [
    {"location": 1, "demand": [2, 3], "service": 5, "time_windows": [[0, 60], [120, null]]},
    {"location": 2, "demand": [1, 1], "alternatives": [{"location": 3, "time_window": [10, 90]}], "penalty": 8},
    {"location": 3, "skills": ["fridge"], "pickup": [4, 0]}
  ]
}"#;

#[test]
fn demo_file_reads_every_attribute() {
    let problem = problem_from_json(DEMO).unwrap();
    assert_eq!(problem.num_jobs(), 3);
    assert_eq!(problem.job(lastmile::JobId(0)).num_places(), 2);
    assert_eq!(problem.job(lastmile::JobId(1)).penalty, Some(8.0));
    assert_eq!(problem.vehicle_types()[0].costs.fixed, 40.0);
    assert_eq!(problem.skill_name(0), Some("fridge"));
    assert_eq!(
        problem.job(lastmile::JobId(2)).pickup,
        lastmile::units::Load::new(&[4, 0])
    );
    // Written and read again: the same file.
    let text = problem_to_json(&problem);
    assert_eq!(problem_to_json(&problem_from_json(&text).unwrap()), text);
}

#[test]
fn unknown_fields_are_rejected_with_their_position() {
    let text = DEMO.replace(r#""service": 5,"#, r#""service": 5, "colour": "red","#);
    match problem_from_json(&text) {
        Err(LoadError::Json { line, message, .. }) => {
            assert_eq!(line, 11);
            assert!(message.contains("unknown field `colour`"), "{message}");
        }
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

#[test]
fn syntax_and_type_errors_name_their_line_and_column() {
    // A missing comma after the name (line 3).
    let text = DEMO.replace(r#""name": "demo","#, r#""name": "demo""#);
    match problem_from_json(&text) {
        Err(LoadError::Json { line, column, .. }) => assert_eq!((line, column), (3, 18)),
        other => panic!("expected a JSON syntax error, got {other:?}"),
    }
    // A string where a number belongs (line 11, as in the test above).
    let text = DEMO.replace(r#""service": 5,"#, r#""service": "five","#);
    match problem_from_json(&text) {
        Err(LoadError::Json { line, message, .. }) => {
            assert_eq!(line, 11);
            assert!(message.contains("invalid type"), "{message}");
        }
        other => panic!("expected a JSON type error, got {other:?}"),
    }
}

#[test]
fn other_versions_and_schemas_are_rejected() {
    let text = DEMO.replace(r#""version": 1"#, r#""version": 3"#);
    let error = problem_from_json(&text).unwrap_err();
    assert!(matches!(error, LoadError::Schema { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        r#"schema "lastmile/problem v3" is not "lastmile/problem v1 to v2""#
    );
    // Version 2 reads every version-1 file.
    let text = DEMO.replace(r#""version": 1"#, r#""version": 2"#);
    assert!(problem_from_json(&text).is_ok());
    let problem = problem_from_json(DEMO).unwrap();
    assert!(matches!(
        solution_from_json(&problem, DEMO),
        Err(LoadError::Schema { .. })
    ));
}

#[test]
fn inconsistent_references_are_rejected() {
    let text = DEMO.replace(r#"{"location": 3, "skills""#, r#"{"location": 9, "skills""#);
    assert!(matches!(
        problem_from_json(&text),
        Err(LoadError::Model {
            source: ModelError::UnknownLocation { location: 9, .. },
            ..
        })
    ));
    let text = DEMO.replace(
        r#""pickup": [4, 0]}"#,
        r#""pickup": [4, 0], "vehicle_type": 1}"#,
    );
    let error = problem_from_json(&text).unwrap_err();
    assert!(
        matches!(
            &error,
            LoadError::Model {
                source: ModelError::UnknownVehicleType {
                    vehicle_type: 1,
                    count: 1,
                    ..
                },
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("jobs[2]"), "{error}");
    let problem = problem_from_json(DEMO).unwrap();
    let solution = |routes: &str, unassigned: &str| {
        format!(
            r#"{{"schema": "lastmile/solution", "version": 1, "routes": [{routes}], "unassigned": [{unassigned}]}}"#
        )
    };
    let unknown_job = solution(r#"{"vehicle_type": 0, "jobs": [0, 7]}"#, "");
    assert!(matches!(
        solution_from_json(&problem, &unknown_job),
        Err(LoadError::Solution {
            source: SolutionError::UnknownJob { job: 7, .. },
            ..
        })
    ));
    let unknown_place = solution(
        r#"{"vehicle_type": 0, "jobs": [0, 1], "places": [0, 2]}"#,
        "",
    );
    assert!(matches!(
        solution_from_json(&problem, &unknown_place),
        Err(LoadError::Solution {
            source: SolutionError::UnknownPlace {
                job: 1,
                place: 2,
                ..
            },
            ..
        })
    ));
    let unknown_type = solution(r#"{"vehicle_type": 3, "jobs": [0]}"#, "");
    assert!(matches!(
        solution_from_json(&problem, &unknown_type),
        Err(LoadError::Solution {
            source: SolutionError::UnknownVehicleType { .. },
            ..
        })
    ));
    let bad_reason = solution("", r#"{"job": 2, "reason": "tired"}"#);
    match solution_from_json(&problem, &bad_reason) {
        Err(LoadError::Json { message, .. }) => assert!(message.contains("tired"), "{message}"),
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Problem and solution files round-trip: the same problem (same file
    /// when written again, same matrices) and the same solution.
    #[test]
    fn problems_and_solutions_round_trip(problem in random_problem(true), by_cost in any::<bool>()) {
        let text = problem_to_json(&problem);
        let reread = problem_from_json(&text).unwrap();
        prop_assert_eq!(problem_to_json(&reread), text);
        prop_assert_eq!(reread.distance_matrix(), problem.distance_matrix());
        prop_assert_eq!(reread.jobs(), problem.jobs());
        prop_assert_eq!(reread.vehicle_types(), problem.vehicle_types());

        let objective = if by_cost { Objective::Cost } else { Objective::Distance };
        let solution = Solver::new().iteration_limit(100).objective(objective).solve(&problem).solution;
        let written = solution_to_json(&problem, &solution);
        let back = solution_from_json(&reread, &written).unwrap();
        prop_assert_eq!(back, solution);
    }

    /// Traffic by hour round-trips too (in a version-2 file), and the
    /// plan's schedule read back is the same.
    #[test]
    fn traffic_round_trips(problem in random_traffic_problem()) {
        let text = problem_to_json(&problem);
        prop_assert!(text.contains("\"version\": 2"));
        let reread = problem_from_json(&text).unwrap();
        prop_assert_eq!(problem_to_json(&reread), text);
        for profile in 0..reread.num_profiles() {
            prop_assert_eq!(reread.traffic(profile), problem.traffic(profile));
        }
        let solution = Solver::new().iteration_limit(100).solve(&problem).solution;
        let back = solution_from_json(&reread, &solution_to_json(&problem, &solution)).unwrap();
        prop_assert_eq!(back, solution);
    }

    /// Driver breaks round-trip (in a version-2 file), and the plan's
    /// breaks, written with it, are the ones read back.
    #[test]
    fn breaks_round_trip(problem in random_break_problem()) {
        let text = problem_to_json(&problem);
        prop_assert!(text.contains("\"version\": 2"));
        let reread = problem_from_json(&text).unwrap();
        prop_assert_eq!(problem_to_json(&reread), text);
        for (a, b) in reread.vehicle_types().iter().zip(problem.vehicle_types()) {
            prop_assert_eq!(&a.breaks, &b.breaks);
        }
        let solution = Solver::new().iteration_limit(100).solve(&problem).solution;
        let written = solution_to_json(&problem, &solution);
        let back = solution_from_json(&reread, &written).unwrap();
        prop_assert_eq!(&back, &solution);
        let breaks: usize = solution.routes().iter().map(|r| r.breaks.len()).sum();
        prop_assert_eq!(written.matches("\"rule\"").count(), breaks);
    }
}

#[test]
fn a_break_needs_a_window_or_a_driving_limit_and_version_2() {
    let file = |version: u32, pause: &str| {
        format!(
            r#"{{"schema": "lastmile/problem", "version": {version}, "rounding": "round",
            "locations": [{{"x": 0, "y": 0}}, {{"x": 3, "y": 4}}],
            "vehicle_types": [{{"count": 1, "capacity": [5], "start": 0, "breaks": [{pause}]}}],
            "jobs": [{{"location": 1, "demand": [1]}}]}}"#
        )
    };
    let lunch = r#"{"window": [10, 20], "duration": 5}"#;
    assert!(problem_from_json(&file(2, lunch)).is_ok());
    assert!(matches!(
        problem_from_json(&file(1, lunch)),
        Err(LoadError::Schema { .. })
    ));
    for bad in [
        r#"{"duration": 5}"#,
        r#"{"window": [10, 20], "max_driving": 100, "duration": 5}"#,
        r#"{"window": [20, 10], "duration": 5}"#,
        r#"{"max_driving": 100, "duration": 0}"#,
    ] {
        match problem_from_json(&file(2, bad)) {
            Err(LoadError::Model {
                origin: Some(origin),
                source,
                ..
            }) => {
                assert!(origin.label.starts_with("vehicle_types[0]"), "{origin:?}");
                assert!(
                    matches!(source, ModelError::InvalidBreak { index: 0, .. }),
                    "{source:?}"
                );
            }
            other => panic!("{bad}: expected a placed error, got {other:?}"),
        }
    }
}

#[test]
fn traffic_needs_version_2_and_errors_name_the_period() {
    let file = |version: u32, periods: &str| {
        format!(
            r#"{{"schema": "lastmile/problem", "version": {version}, "rounding": "round",
            "locations": [{{"x": 0, "y": 0}}, {{"x": 3, "y": 4}}],
            "traffic": [{{"periods": {periods}}}],
            "vehicle_types": [{{"count": 1, "capacity": [5], "start": 0}}],
            "jobs": [{{"location": 1, "demand": [1]}}]}}"#
        )
    };
    let good = r#"[{"start": 60, "factor": 1.5}, {"start": 120, "factor": 1}]"#;
    let problem = problem_from_json(&file(2, good)).unwrap();
    assert!(problem.has_traffic());
    let old = problem_from_json(&file(1, good)).unwrap_err().to_string();
    assert!(old.contains("v2"), "{old}");
    let bad = r#"[{"start": 60, "factor": 1.5}, {"start": 30, "factor": 1}]"#;
    let message = problem_from_json(&file(2, bad)).unwrap_err().to_string();
    assert!(message.contains("traffic[0].periods[1]"), "{message}");
    let unknown = r#"[{"start": 60, "factor": 1.5, "speed": 2}]"#;
    assert!(problem_from_json(&file(2, unknown)).is_err());
    let future = problem_from_json(&file(3, good)).unwrap_err().to_string();
    assert!(future.contains("v3"), "{future}");
}
