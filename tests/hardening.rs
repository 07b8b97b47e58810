//! Inputs that once hung the solver, panicked, or gave wrong answers that
//! looked right: each now gives a correct plan or a clear error that names
//! the place in the file, in the file's own terms.

mod common;

use common::assert_feasible;
use lastmile::io::json::problem_from_json;
use lastmile::io::{parse_instance, InstanceFormat};

use lastmile::{LoadError, ModelError, Origin, Problem, Solver, StopReason, UnassignedReason};
use std::time::Duration;

/// A Solomon file with a depot open [0, `depot_due`] and three customers;
/// `edit(k, fields)` may change the 7 fields of row `k` (the depot is 0).
fn solomon(capacity: &str, edit: impl Fn(usize, &mut Vec<String>)) -> String {
    let rows = [
        "0 0 0 0 0 1000 0",
        "1 10 0 3 0 500 5",
        "2 0 10 3 0 500 5",
        "3 10 10 3 0 500 5",
    ];
    let mut text = format!(
        "SMALL\n\nVEHICLE\nNUMBER CAPACITY\n2 {capacity}\n\nCUSTOMER\nCUST NO. XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME\n\n"
    );
    for (k, row) in rows.iter().enumerate() {
        let mut fields: Vec<String> = row.split(' ').map(String::from).collect();
        edit(k, &mut fields);
        text.push_str(&fields.join("  "));
        text.push('\n');
    }
    text
}

/// The row of customer `k` in [`solomon`]'s text is on this line.
fn solomon_line(k: usize) -> usize {
    10 + k
}

fn model_error(result: Result<Problem, LoadError>) -> (Option<Origin>, ModelError, String) {
    match result {
        Err(error @ LoadError::Model { .. }) => {
            let message = error.to_string();
            let LoadError::Model { origin, source, .. } = error else {
                unreachable!()
            };
            (origin, source, message)
        }
        other => panic!("expected a model error, got {other:?}"),
    }
}

fn solve_quickly(problem: &Problem) -> lastmile::SolveResult {
    Solver::new()
        .seed(1)
        .iteration_limit(2_000)
        .time_limit(Duration::from_secs(60))
        .solve(problem)
}

#[test]
fn service_time_beyond_the_range_is_an_error_at_its_line() {
    // Once: the time-warp penalty wrapped and the solve never ended.
    let text = solomon("10", |k, f| {
        if k == 2 {
            f[6] = "1e17".into();
        }
    });
    let (origin, source, message) = model_error(parse_instance(&text, None));
    assert!(matches!(
        source,
        ModelError::ValueTooLarge {
            field: "service time",
            ..
        }
    ));
    assert_eq!(
        origin,
        Some(Origin {
            line: Some(solomon_line(2)),
            label: "customer 2".into()
        })
    );
    assert!(
        message.starts_with(&format!(
            "line {}: customer 2: service time",
            solomon_line(2)
        )),
        "{message}"
    );
}

#[test]
fn vrplib_service_time_header_beyond_the_range_names_the_header_line() {
    let text = "NAME : S\nTYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\nSERVICE_TIME : 1e18\nNODE_COORD_SECTION\n1 0 0\n2 3 4\n3 6 8\nDEMAND_SECTION\n1 0\n2 4\n3 5\nDEPOT_SECTION\n1\n-1\nEOF\n";
    let (origin, source, _) = model_error(parse_instance(text, None));
    assert!(matches!(source, ModelError::ValueTooLarge { .. }));
    assert_eq!(
        origin,
        Some(Origin {
            line: Some(6),
            label: "node 2".into()
        })
    );
}

#[test]
fn window_far_in_the_future_is_an_error_and_a_far_end_is_no_end() {
    // Once: ends were capped but starts were not, so [1e18, 1e18] became a
    // reversed window and the job was reported unreachable.
    let text = solomon("10", |k, f| match k {
        0 => f[5] = "1e19".into(),
        1 => {
            f[4] = "1e18".into();
            f[5] = "1e18".into();
        }
        _ => {}
    });
    let (origin, source, _) = model_error(parse_instance(&text, None));
    assert!(matches!(
        source,
        ModelError::ValueTooLarge {
            field: "time window start",
            ..
        }
    ));
    assert_eq!(origin.and_then(|o| o.line), Some(solomon_line(1)));

    let text = solomon("10", |k, f| match k {
        0 => f[5] = "1e19".into(),
        1 => {
            f[4] = "20".into();
            f[5] = "1e18".into();
        }
        _ => {}
    });
    let problem = parse_instance(&text, None).unwrap();
    let result = solve_quickly(&problem);
    assert_feasible(&problem, &result.solution, "far window end");
    assert!(result.solution.unassigned().is_empty());
}

#[test]
fn capacity_zero_leaves_every_job_out_with_its_reason_at_once() {
    let problem = parse_instance(&solomon("0", |_, _| {}), None).unwrap();
    let result = solve_quickly(&problem);
    assert_eq!(result.stats.stop_reason, StopReason::NothingToSearch);
    assert_eq!(result.stats.iterations, 0);
    assert_feasible(&problem, &result.solution, "capacity 0");
    let reasons: Vec<_> = result
        .solution
        .unassigned()
        .iter()
        .map(|u| u.reason)
        .collect();
    assert_eq!(reasons, vec![UnassignedReason::DemandExceedsCapacity; 3]);
}

#[test]
fn depot_closing_before_any_window_leaves_every_job_out() {
    let text = solomon("10", |k, f| {
        if k == 0 {
            f[5] = "1".into();
        }
    });
    let problem = parse_instance(&text, None).unwrap();
    let result = solve_quickly(&problem);
    assert_eq!(result.stats.stop_reason, StopReason::NothingToSearch);
    assert_eq!(result.solution.unassigned().len(), 3);
    assert!(result
        .solution
        .unassigned()
        .iter()
        .all(|u| u.reason != UnassignedReason::FleetExhausted));
    assert_feasible(&problem, &result.solution, "depot closed");
}

#[test]
fn huge_time_limits_mean_no_limit() {
    use lastmile::deadline::seconds;
    assert_eq!(seconds(1e20), Some(Duration::MAX));
    assert_eq!(seconds(f64::INFINITY), Some(Duration::MAX));
    assert_eq!(seconds(f64::NAN), None);
    assert_eq!(seconds(-0.5), None);
}

#[test]
fn format_is_told_by_the_first_word() {
    // A Solomon name with a colon was read as VRPLIB.
    let text = solomon("10", |_, _| {}).replacen("SMALL", "LM: small, day 1", 1);
    assert_eq!(InstanceFormat::detect(&text), InstanceFormat::Solomon);
    assert_eq!(
        parse_instance(&text, None).unwrap().name(),
        "LM: small, day 1"
    );
    // A byte-order mark ended up in the name, or broke VRPLIB headers.
    let marked = format!("\u{feff}{}", solomon("10", |_, _| {}));
    assert_eq!(parse_instance(&marked, None).unwrap().name(), "SMALL");
    let vrplib = "\u{feff}NAME : V\nTYPE : CVRP\nDIMENSION : 2\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\nNODE_COORD_SECTION\n1 0 0\n2 3 4\nDEMAND_SECTION\n1 0\n2 4\nDEPOT_SECTION\n1\n-1\nEOF\n";
    assert_eq!(InstanceFormat::detect(vrplib), InstanceFormat::Vrplib);
    assert_eq!(parse_instance(vrplib, None).unwrap().name(), "V");
    // Old Mac line endings (CR only) read like any other.
    let lf = solomon("10", |_, _| {});
    let cr = lf.replace('\n', "\r");
    let crlf = lf.replace('\n', "\r\n");
    for text in [cr, crlf] {
        let problem = parse_instance(&text, None).unwrap();
        assert_eq!(problem.num_jobs(), 3);
    }
    let (origin, _, _) = model_error(parse_instance(
        &solomon("10", |k, f| {
            if k == 3 {
                f[3] = "-1".into();
            }
        })
        .replace('\n', "\r"),
        None,
    ));
    assert_eq!(origin.and_then(|o| o.line), Some(solomon_line(3)));
}

#[test]
fn json_extremes_neither_overflow_nor_lose_jobs() {
    let text = format!(
        r#"{{
  "schema": "lastmile/problem", "version": 1, "name": "extreme", "rounding": "round",
  "locations": [{{"x": 0, "y": 0}}, {{"x": 3, "y": 4}}, {{"x": 6, "y": 0}}],
  "vehicle_types": [
    {{"count": {big}, "capacity": [10], "start": 0}},
    {{"count": {big}, "capacity": [10], "start": 0}}
  ],
  "jobs": [
    {{"location": 1, "demand": [2], "penalty": 1e300}},
    {{"location": 2, "demand": [20], "penalty": 1e300}}
  ]
}}"#,
        big = usize::MAX / 2 + 7
    );
    let problem = problem_from_json(&text).unwrap();
    assert_eq!(problem.fleet_size(), usize::MAX);
    let result = solve_quickly(&problem);
    assert_feasible(&problem, &result.solution, "json extremes");
    // The job that fits is served; the other is out for its demand.
    assert_eq!(result.solution.routes().len(), 1);
    assert_eq!(result.solution.unassigned().len(), 1);
    assert_eq!(
        result.solution.unassigned()[0].reason,
        UnassignedReason::DemandExceedsCapacity
    );
}

#[test]
fn json_model_errors_name_the_array_entry() {
    let text = r#"{
  "schema": "lastmile/problem", "version": 1, "name": "bad", "rounding": "round",
  "locations": [{"x": 0, "y": 0}, {"x": 3, "y": 4}],
  "vehicle_types": [{"count": 1, "capacity": [10], "start": 0}],
  "jobs": [{"location": 1, "demand": [2]}, {"location": 1, "demand": [-2]}]
}"#;
    let (origin, _, message) = model_error(problem_from_json(text));
    assert_eq!(origin.map(|o| o.label), Some("jobs[1]".into()));
    assert!(message.starts_with("jobs[1]: demand -2"), "{message}");
}
