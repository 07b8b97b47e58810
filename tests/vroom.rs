//! VROOM's JSON formats: the examples of VROOM's API documentation
//! (docs/API.md, docs/example_1.json and example_2.json), written out by
//! hand, read, solved, written back in VROOM's solution format and checked
//! in VROOM's own terms and by the independent checker.

mod common;

use lastmile::io::vroom::{
    is_vroom_problem, vroom_problem_from_json, vroom_solution_from_json, vroom_solution_to_json,
    VroomProblem,
};
use lastmile::{check, LoadError, Objective, Solution, Solver};
use serde_json::{json, Value};

/// VROOM's example 2: one vehicle from index 0 to index 3, two jobs, a
/// custom durations matrix.
fn documented_matrix_example() -> Value {
    json!({
      "vehicles": [{"id": 0, "start_index": 0, "end_index": 3}],
      "jobs": [{"id": 1414, "location_index": 1}, {"id": 1515, "location_index": 2}],
      "matrices": {"car": {"durations": [
        [0, 2104, 197, 1299],
        [2103, 0, 2255, 3152],
        [197, 2256, 0, 1102],
        [1299, 3153, 1102, 0]
      ]}}
    })
}

/// VROOM's example 1 as documented: coordinates (for a routing engine)
/// and a shipment.
fn documented_coordinates_example() -> Value {
    json!({
      "vehicles": [
        {"id": 1, "start": [2.35044, 48.71764], "end": [2.35044, 48.71764], "capacity": [4],
         "skills": [1, 14], "time_window": [1600416000, 1600430400]},
        {"id": 2, "start": [2.35044, 48.71764], "end": [2.35044, 48.71764], "capacity": [4],
         "skills": [2, 14], "time_window": [1600416000, 1600430400],
         "breaks": [{"id": 2, "service": 300, "time_windows": [[1600423200, 1600425000]]}]}
      ],
      "jobs": [
        {"id": 1, "service": 300, "delivery": [1], "location": [1.98935, 48.701], "skills": [1],
         "time_windows": [[1600419600, 1600423200]]},
        {"id": 2, "service": 300, "pickup": [1], "location": [2.03655, 48.61128], "skills": [1]},
        {"id": 5, "service": 300, "delivery": [1], "location": [2.28325, 48.5958], "skills": [14]},
        {"id": 6, "service": 300, "delivery": [1], "location": [2.89357, 48.90736], "skills": [14]}
      ],
      "shipments": [
        {"amount": [1], "skills": [2],
         "pickup": {"id": 4, "service": 300, "location": [2.41808, 49.22619]},
         "delivery": {"id": 3, "service": 300, "location": [2.39719, 49.07611]}}
      ]
    })
}

/// Example 1 without its shipment, with matrix indices and a durations
/// and a distances matrix (road-like: 1.3 times the great-circle distance,
/// at 50 km/h).
fn example_with_matrices() -> Value {
    let mut input = documented_coordinates_example();
    input.as_object_mut().unwrap().remove("shipments");
    for vehicle in input["vehicles"].as_array_mut().unwrap() {
        vehicle["start_index"] = json!(0);
        vehicle["end_index"] = json!(0);
    }
    for (i, job) in input["jobs"].as_array_mut().unwrap().iter_mut().enumerate() {
        job["location_index"] = json!(i + 1);
    }
    input["matrices"] = json!({"car": {
        "durations": [
            [0, 2484, 2423, 1349, 4210], [2484, 0, 988, 2297, 6555], [2423, 988, 0, 1704, 6633],
            [1349, 2297, 1704, 0, 5292], [4210, 6555, 6633, 5292, 0]],
        "distances": [
            [0, 34527, 33682, 18745, 58525], [34527, 0, 13730, 31923, 91110],
            [33682, 13730, 0, 23688, 92203], [18745, 31923, 23688, 0, 73565],
            [58525, 91110, 92203, 73565, 0]]
    }});
    input
}

fn read(input: &Value) -> Result<VroomProblem, LoadError> {
    vroom_problem_from_json(&input.to_string())
}

/// Solves with a fixed iteration budget and VROOM's objective; the plan is
/// checker-clean.
fn solve(vroom: &VroomProblem) -> Solution {
    let solution = Solver::new()
        .iteration_limit(300)
        .objective(vroom.objective())
        .solve(vroom.problem())
        .solution;
    common::assert_feasible(vroom.problem(), &solution, "vroom");
    solution
}

fn output(vroom: &VroomProblem, solution: &Solution) -> Value {
    serde_json::from_str(&vroom_solution_to_json(vroom, solution)).unwrap()
}

#[test]
fn the_documented_matrix_example_gives_the_documented_answer() {
    let input = documented_matrix_example();
    assert!(is_vroom_problem(&input.to_string()));
    let vroom = read(&input).unwrap();
    let out = output(&vroom, &solve(&vroom));
    // VROOM's documented output: cost 5461, jobs 1414 then 1515.
    assert_eq!(out["code"], 0);
    assert_eq!(out["summary"]["cost"], 5461);
    assert_eq!(out["summary"]["duration"], 5461);
    assert_eq!(out["summary"]["routes"], 1);
    assert_eq!(out["summary"]["unassigned"], 0);
    let route = &out["routes"][0];
    assert_eq!(route["vehicle"], 0);
    let steps: Vec<(String, Option<u64>, i64, i64, i64)> = route["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["type"].as_str().unwrap().to_owned(),
                s["id"].as_u64(),
                s["location_index"].as_i64().unwrap(),
                s["arrival"].as_i64().unwrap(),
                s["duration"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        vec![
            ("start".into(), None, 0, 0, 0),
            ("job".into(), Some(1414), 1, 2104, 2104),
            ("job".into(), Some(1515), 2, 4359, 4359),
            ("end".into(), None, 3, 5461, 5461),
        ]
    );
    assert!(out.get("unassigned").is_some_and(|u| u == &json!([])));
}

#[test]
fn the_documented_coordinates_example_is_refused_with_the_field_named() {
    // As documented, the first thing lastmile cannot do is the shipment.
    match read(&documented_coordinates_example()) {
        Err(LoadError::Unsupported { at, .. }) => assert_eq!(at, "shipments"),
        other => panic!("expected Unsupported at shipments, got {other:?}"),
    }
    // Without it: no matrices, and lastmile calls no routing engine.
    let mut input = documented_coordinates_example();
    input.as_object_mut().unwrap().remove("shipments");
    match read(&input) {
        Err(e @ LoadError::Unsupported { .. }) => {
            let message = e.to_string();
            assert!(message.contains("matrices.car.durations"), "{message}");
            assert!(message.contains("routing engine"), "{message}");
        }
        other => panic!("expected Unsupported, got {other:?}"),
    }
}

/// Checks a VROOM solution against the VROOM problem in VROOM's own terms:
/// every job once, skills, capacity after every step, time windows, the
/// vehicle's working hours, breaks in their window, totals.
fn check_in_vroom_terms(input: &Value, out: &Value) {
    let jobs = input["jobs"].as_array().unwrap();
    let vehicles = input["vehicles"].as_array().unwrap();
    let durations = &input["matrices"]["car"]["durations"];
    let job = |id: u64| jobs.iter().find(|j| j["id"] == id).unwrap();
    let mut served = Vec::new();
    let mut total_duration = 0;
    for route in out["routes"].as_array().unwrap() {
        let vehicle = vehicles
            .iter()
            .find(|v| v["id"] == route["vehicle"])
            .expect("a vehicle of the problem");
        let skills = vehicle["skills"].as_array().cloned().unwrap_or_default();
        let capacity = vehicle["capacity"][0].as_i64().unwrap();
        let shift = &vehicle["time_window"];
        let steps = route["steps"].as_array().unwrap();
        assert_eq!(steps.first().unwrap()["type"], "start");
        assert_eq!(steps.last().unwrap()["type"], "end");
        let mut previous_index = None;
        let mut clock = 0;
        let mut travel = 0;
        for step in steps {
            let arrival = step["arrival"].as_i64().unwrap();
            assert!(arrival >= clock, "arrivals in order: {step}");
            assert!(step["load"][0].as_i64().unwrap() <= capacity, "load {step}");
            assert!(arrival >= shift[0].as_i64().unwrap());
            assert!(arrival <= shift[1].as_i64().unwrap());
            if let Some(index) = step["location_index"].as_u64() {
                if let Some(from) = previous_index {
                    let arc = durations[from as usize][index as usize].as_i64().unwrap();
                    travel += arc;
                    assert!(arrival >= clock + arc, "travel time respected: {step}");
                }
                previous_index = Some(index);
            }
            assert_eq!(step["duration"].as_i64().unwrap(), travel, "{step}");
            let start = arrival + step["waiting_time"].as_i64().unwrap();
            clock = start + step["service"].as_i64().unwrap();
            match step["type"].as_str().unwrap() {
                "job" => {
                    let id = step["id"].as_u64().unwrap();
                    served.push(id);
                    let j = job(id);
                    for skill in j["skills"].as_array().cloned().unwrap_or_default() {
                        assert!(skills.contains(&skill), "skill {skill} for job {id}");
                    }
                    if let Some(windows) = j["time_windows"].as_array() {
                        assert!(
                            windows.iter().any(|w| w[0].as_i64().unwrap() <= start
                                && start <= w[1].as_i64().unwrap()),
                            "job {id} starts at {start}, outside its windows"
                        );
                    }
                }
                "break" => {
                    let rule = vehicle["breaks"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|b| b["id"] == step["id"])
                        .expect("a break of the vehicle");
                    let w = &rule["time_windows"][0];
                    assert!(w[0].as_i64().unwrap() <= start && start <= w[1].as_i64().unwrap());
                    assert_eq!(step["service"], rule["service"]);
                }
                _ => {}
            }
        }
        assert_eq!(route["duration"].as_i64().unwrap(), travel);
        total_duration += travel;
    }
    for u in out["unassigned"].as_array().unwrap() {
        served.push(u["id"].as_u64().unwrap());
    }
    served.sort_unstable();
    let mut ids: Vec<u64> = jobs.iter().map(|j| j["id"].as_u64().unwrap()).collect();
    ids.sort_unstable();
    assert_eq!(served, ids, "every job once, in a route or unassigned");
    assert_eq!(out["summary"]["duration"].as_i64().unwrap(), total_duration);
}

#[test]
fn a_problem_with_skills_windows_breaks_and_returns_is_solved_and_round_trips() {
    let input = example_with_matrices();
    let vroom = read(&input).unwrap();
    assert_eq!(vroom.objective(), Objective::Distance);
    let solution = solve(&vroom);
    assert!(solution.unassigned().is_empty());
    let out = output(&vroom, &solution);
    check_in_vroom_terms(&input, &out);
    // Distances are reported when the file gives them.
    assert!(out["summary"]["distance"].as_i64().unwrap() > 0);
    // Job 1 and 2 need skill 1: vehicle 1's route.
    let route_of = |id: u64| {
        out["routes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| {
                r["steps"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|s| s["id"] == id && s["type"] == "job")
            })
            .map(|r| r["vehicle"].as_u64().unwrap())
    };
    assert_eq!(route_of(1), Some(1));
    assert_eq!(route_of(2), Some(1));
    // Read back: the same routes, checker-clean, the same travel time.
    let back = vroom_solution_from_json(&vroom, &out.to_string()).unwrap();
    assert!(check(vroom.problem(), &back).is_feasible());
    assert_eq!(back.to_routes(), solution.to_routes());
    assert_eq!(back.cost().distance, solution.cost().distance);
}

#[test]
fn alike_vehicles_share_a_type_and_keep_their_own_ids() {
    let mut input = example_with_matrices();
    // Three more vehicles like vehicle 1, and little capacity: several routes.
    let like_first = input["vehicles"][0].clone();
    for (id, _) in (10..13).zip(0..) {
        let mut v = like_first.clone();
        v["id"] = json!(id);
        input["vehicles"].as_array_mut().unwrap().push(v);
    }
    for v in input["vehicles"].as_array_mut().unwrap() {
        v["capacity"] = json!([1]);
    }
    let vroom = read(&input).unwrap();
    assert_eq!(vroom.problem().vehicle_types().len(), 2);
    assert_eq!(vroom.problem().vehicle_types()[0].count, 4);
    let out = output(&vroom, &solve(&vroom));
    check_in_vroom_terms(&input, &out);
    let mut used: Vec<u64> = out["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["vehicle"].as_u64().unwrap())
        .collect();
    let routes = used.len();
    // Capacity 1: three deliveries need three routes (one of them may also
    // collect job 2's return after dropping job 1's parcel).
    assert!(
        routes >= 3,
        "capacity 1 and three deliveries: {routes} routes"
    );
    used.sort_unstable();
    used.dedup();
    assert_eq!(used.len(), routes, "each vehicle drives at most one route");
}

#[test]
fn fixed_costs_make_vroom_s_cost_the_objective() {
    let mut input = example_with_matrices();
    for v in input["vehicles"].as_array_mut().unwrap() {
        v["costs"] = json!({"fixed": 10000});
    }
    let vroom = read(&input).unwrap();
    assert_eq!(vroom.objective(), Objective::Cost);
    let out = output(&vroom, &solve(&vroom));
    let routes = out["summary"]["routes"].as_i64().unwrap();
    assert_eq!(
        out["summary"]["cost"].as_i64().unwrap(),
        10000 * routes + out["summary"]["duration"].as_i64().unwrap()
    );
}

/// A change to a problem file.
type Change = fn(&mut Value);

#[test]
fn fields_lastmile_does_not_support_yet_are_refused_by_name() {
    let cases: Vec<(Change, &str)> = vec![
        (
            |v| v["jobs"][0]["setup"] = json!(60),
            "jobs[0] (id 1).setup",
        ),
        (
            |v| v["jobs"][2]["priority"] = json!(10),
            "jobs[2] (id 5).priority",
        ),
        (
            |v| v["jobs"][1]["service_per_type"] = json!({"van": 10}),
            "jobs[1] (id 2).service_per_type",
        ),
        (
            |v| v["vehicles"][1]["steps"] = json!([]),
            "vehicles[1] (id 2).steps",
        ),
        (
            |v| v["vehicles"][0]["max_distance"] = json!(5000),
            "vehicles[0] (id 1).max_distance",
        ),
        (
            |v| v["vehicles"][0]["speed_factor"] = json!(1.5),
            "vehicles[0] (id 1).speed_factor",
        ),
        (
            |v| v["vehicles"][0]["costs"] = json!({"per_km": 100}),
            "vehicles[0] (id 1).costs.per_km",
        ),
        (
            |v| v["vehicles"][1]["breaks"][0]["max_load"] = json!([2]),
            "vehicles[1] (id 2).breaks[0] (id 2).max_load",
        ),
        (
            |v| v["matrices"]["car"]["costs"] = json!([[0]]),
            "matrices.car.costs",
        ),
        (
            |v| {
                v["vehicles"][1]["profile"] = json!("bike");
                v["matrices"]["bike"] = json!({"durations": vec![vec![1; 5]; 5]});
            },
            "vehicles[1] (id 2).profile",
        ),
        (
            |v| {
                v["vehicles"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("start_index");
                v["vehicles"][0].as_object_mut().unwrap().remove("start");
            },
            "vehicles[0] (id 1).start_index",
        ),
    ];
    for (change, field) in cases {
        let mut input = example_with_matrices();
        change(&mut input);
        match read(&input) {
            Err(LoadError::Unsupported { at, message, .. }) => {
                assert_eq!(at, field, "{message}");
                assert!(!message.is_empty());
            }
            other => panic!("{field}: expected Unsupported, got {other:?}"),
        }
    }
}

#[test]
fn unknown_fields_and_bad_references_are_placed() {
    // A field VROOM does not have: line and column.
    let text = example_with_matrices()
        .to_string()
        .replace("\"time_windows\"", "\"time_windowz\"");
    match vroom_problem_from_json(&text) {
        Err(LoadError::Json { message, .. }) => assert!(message.contains("time_windowz")),
        other => panic!("expected a JSON error, got {other:?}"),
    }
    let mut input = example_with_matrices();
    input["jobs"][3]["location_index"] = json!(9);
    match read(&input) {
        Err(LoadError::Reference { at, message, .. }) => {
            assert_eq!(at, "jobs[3] (id 6)");
            assert!(message.contains("outside the 5 x 5 matrix"), "{message}");
        }
        other => panic!("expected a reference error, got {other:?}"),
    }
    let mut input = example_with_matrices();
    input["jobs"][1]["id"] = json!(1);
    assert!(matches!(read(&input), Err(LoadError::Reference { at, .. }) if at == "jobs[1] (id 1)"));
    let mut input = example_with_matrices();
    input["jobs"][0]["delivery"] = json!([1, 2]);
    assert!(
        matches!(read(&input), Err(LoadError::Reference { at, .. }) if at == "jobs[0] (id 1).delivery")
    );
    // A plan naming a job the problem does not have.
    let vroom = read(&example_with_matrices()).unwrap();
    let plan = json!({"routes": [{"vehicle": 1, "steps": [{"type": "job", "id": 99}]}]});
    assert!(matches!(
        vroom_solution_from_json(&vroom, &plan.to_string()),
        Err(LoadError::Reference { at, .. }) if at == "routes[0].steps[0].id"
    ));
    // lastmile's own files are not taken for VROOM's.
    assert!(!is_vroom_problem(
        r#"{"schema": "lastmile/problem", "vehicles": []}"#
    ));
}
