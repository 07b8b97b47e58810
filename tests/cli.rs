//! The `lastmile` command line: solve, check, kpis and convert, run as a
//! user would, on the shipped instance and files these tests write.
#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn lastmile(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lastmile"))
        .args(args)
        .output()
        .expect("the lastmile binary runs")
}

fn shipped() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("datasets/LM-RC1-100-s1.txt")
        .display()
        .to_string()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lastmile-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Solves `problem` quietly for `iterations`, writing the plan to `plan`,
/// with `extra` arguments; asserts success.
fn solve_quietly(problem: &str, iterations: u64, plan: &str, extra: &[&str]) -> Output {
    let iterations = iterations.to_string();
    let mut args = vec![
        "solve",
        problem,
        "--iterations",
        &iterations,
        "-q",
        "-o",
        plan,
    ];
    args.extend_from_slice(extra);
    let solved = lastmile(&args);
    assert!(solved.status.success(), "{}", text(&solved.stderr));
    solved
}

#[test]
fn a_solved_plan_passes_the_check_and_a_broken_one_does_not() {
    let plan = scratch("plan.json");
    let plan_arg = plan.display().to_string();
    let solved = solve_quietly(&shipped(), 300, &plan_arg, &[]);
    assert!(text(&solved.stdout).contains("checker: feasible"));

    let checked = lastmile(&["check", &shipped(), &plan_arg]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stdout));
    assert!(text(&checked.stdout).starts_with("feasible"));

    // Drop the first route: its jobs are then served by nobody.
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    json["routes"].as_array_mut().unwrap().remove(0);
    let broken = scratch("broken.json");
    std::fs::write(&broken, json.to_string()).unwrap();
    let checked = lastmile(&["check", &shipped(), &broken.display().to_string()]);
    assert_eq!(checked.status.code(), Some(1), "{}", text(&checked.stdout));
    assert!(text(&checked.stdout).contains("INFEASIBLE"));
}

#[test]
fn kpis_count_every_delivery() {
    let plan = scratch("kpis.sol");
    let plan_arg = plan.display().to_string();
    solve_quietly(&shipped(), 200, &plan_arg, &[]);
    let out = lastmile(&["kpis", &shipped(), &plan_arg, "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let figures: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(figures["deliveries"], 100);
    assert_eq!(figures["unassigned"], 0);
    let table = lastmile(&["kpis", &shipped(), &plan_arg]);
    assert!(text(&table.stdout).contains("deliveries         100"));
}

#[test]
fn a_converted_problem_solves_the_same() {
    let json = scratch("problem.json");
    let json_arg = json.display().to_string();
    let converted = lastmile(&["convert", &shipped(), &json_arg]);
    assert!(converted.status.success(), "{}", text(&converted.stderr));
    let plan = scratch("from-json.json").display().to_string();
    solve_quietly(&json_arg, 200, &plan, &[]);
    // The plan of the JSON problem checks against the Solomon original.
    let checked = lastmile(&["check", &shipped(), &plan]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stdout));
}

#[test]
fn bad_input_is_a_clear_error_with_exit_code_2() {
    let missing = lastmile(&["solve", "no/such/file.txt"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("no/such/file.txt"));

    let garbled = scratch("garbled.vrp");
    std::fs::write(&garbled, "NAME : x\nDIMENSION : many\n").unwrap();
    let out = lastmile(&["solve", &garbled.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let message = text(&out.stderr);
    assert!(
        message.contains("garbled.vrp") && message.contains("line 2"),
        "{message}"
    );

    let usage = lastmile(&["solve", &shipped(), "--time", "-1"]);
    assert_eq!(usage.status.code(), Some(2));
    assert!(text(&usage.stderr).contains("--time"));
}

#[test]
fn the_map_draws_every_route_and_stop() {
    let plan = scratch("map-plan.json");
    let map = scratch("map.svg");
    let (plan_arg, map_arg) = (plan.display().to_string(), map.display().to_string());
    solve_quietly(&shipped(), 200, &plan_arg, &["--map", &map_arg]);
    let svg = std::fs::read_to_string(&map).unwrap();
    let document = roxmltree::Document::parse(&svg).expect("the map is well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    let routes = plan["routes"].as_array().unwrap().len();
    let drawn_routes = root
        .descendants()
        .filter(|n| n.attribute("class") == Some("route"))
        .count();
    assert_eq!(drawn_routes, routes);
    // One dot per stop, one line per route, one square for the depot.
    let dots = root
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .count();
    assert_eq!(dots, 100);
    let lines = root
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .count();
    assert_eq!(lines, routes);
    let depots = root
        .descendants()
        .filter(|n| n.attribute("class") == Some("depot"))
        .count();
    assert_eq!(depots, 1);
    assert!(svg.contains(&format!("{routes} routes")), "legend");
}

#[test]
fn geojson_has_a_line_per_route_and_a_point_per_stop() {
    let plan = scratch("geo-plan.json");
    let geo = scratch("plan.geojson");
    let (plan_arg, geo_arg) = (plan.display().to_string(), geo.display().to_string());
    solve_quietly(&shipped(), 200, &plan_arg, &["--geojson", &geo_arg]);
    let collection: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&geo).unwrap()).unwrap();
    assert_eq!(collection["type"], "FeatureCollection");
    let position = |p: &serde_json::Value| {
        let p = p.as_array().expect("a position is an array");
        p.len() == 2 && p.iter().all(|c| c.as_f64().is_some_and(f64::is_finite))
    };
    let mut kinds = std::collections::BTreeMap::<String, usize>::new();
    for feature in collection["features"].as_array().unwrap() {
        assert_eq!(feature["type"], "Feature");
        assert!(feature["properties"].is_object());
        let geometry = &feature["geometry"];
        match geometry["type"].as_str().unwrap() {
            "Point" => assert!(position(&geometry["coordinates"])),
            "LineString" => {
                let line = geometry["coordinates"].as_array().unwrap();
                assert!(line.len() >= 2 && line.iter().all(position));
            }
            other => panic!("unexpected geometry {other}"),
        }
        let kind = feature["properties"]["kind"].as_str().unwrap().to_string();
        *kinds.entry(kind).or_default() += 1;
    }
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    let routes = plan["routes"].as_array().unwrap().len();
    assert_eq!(kinds.get("route"), Some(&routes));
    assert_eq!(kinds.get("stop"), Some(&100));
    assert_eq!(kinds.get("depot"), Some(&1));
    assert_eq!(kinds.get("unassigned"), None);
}

#[test]
fn a_vroom_problem_gives_a_vroom_solution_the_checker_accepts() {
    let problem = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("datasets/vroom-south-of-paris.json")
        .display()
        .to_string();
    let plan = scratch("vroom-out.json");
    let plan_arg = plan.display().to_string();
    let solved = solve_quietly(&problem, 300, &plan_arg, &[]);
    assert!(text(&solved.stdout).contains("checker: feasible"));
    // VROOM's solution format, with the file's own ids.
    let out: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    assert_eq!(out["code"], 0);
    assert_eq!(out["summary"]["unassigned"], 0);
    let mut jobs: Vec<u64> = out["routes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["steps"].as_array().unwrap().clone())
        .filter(|s| s["type"] == "job")
        .map(|s| s["id"].as_u64().unwrap())
        .collect();
    jobs.sort_unstable();
    assert_eq!(jobs, vec![1, 2, 5, 6]);
    // check and kpis read VROOM's solution back.
    let checked = lastmile(&["check", &problem, &plan_arg]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stdout));
    let figures = lastmile(&["kpis", &problem, &plan_arg, "--json"]);
    let figures: serde_json::Value = serde_json::from_slice(&figures.stdout).unwrap();
    assert_eq!(figures["deliveries"], 4, "jobs served");
    assert_eq!(figures["pickups"], 1);
    // A field lastmile does not support yet: exit 2, the field named.
    let bad = scratch("vroom-bad.json");
    let mut input: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&problem).unwrap()).unwrap();
    input["jobs"][0]["setup"] = serde_json::json!(60);
    std::fs::write(&bad, input.to_string()).unwrap();
    let refused = lastmile(&["solve", &bad.display().to_string(), "-q"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused.stderr).contains("jobs[0] (id 1).setup"),
        "{}",
        text(&refused.stderr)
    );
}

#[test]
fn replan_applies_events_plans_the_rest_and_carries_on_from_its_day_file() {
    let plan = scratch("morning.json");
    let plan_arg = plan.display().to_string();
    solve_quietly(&shipped(), 300, &plan_arg, &[]);
    let events = scratch("events.json");
    std::fs::write(
        &events,
        r#"{"schema": "lastmile/events", "version": 1, "events": [
  {"type": "new_order", "job": {"location": 3, "demand": [5], "time_windows": [[0, 200]]}, "at": 1},
  {"type": "cancelled", "job": 10, "at": 1}
]}"#,
    )
    .unwrap();
    let (rest, day, grown) = (
        scratch("rest.json"),
        scratch("day.json"),
        scratch("grown.json"),
    );
    let (rest_arg, day_arg, grown_arg) = (
        rest.display().to_string(),
        day.display().to_string(),
        grown.display().to_string(),
    );
    let events_arg = events.display().to_string();
    let replanned = lastmile(&[
        "replan",
        &shipped(),
        &plan_arg,
        &events_arg,
        "--iterations",
        "200",
        "-o",
        &rest_arg,
        "--day-out",
        &day_arg,
        "--problem-out",
        &grown_arg,
    ]);
    assert!(replanned.status.success(), "{}", text(&replanned.stderr));
    assert!(text(&replanned.stdout).starts_with("2 events applied"));
    // Every job once, the new order (job 100) in, the cancelled one (10) out.
    let rest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&rest).unwrap()).unwrap();
    let mut jobs: Vec<u64> = rest["vehicles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|v| {
            let mut stops = v["committed"].as_array().unwrap().clone();
            stops.extend(v["planned"].as_array().unwrap().clone());
            stops
        })
        .chain(rest["unassigned"].as_array().unwrap().clone())
        .map(|s| s["job"].as_u64().unwrap())
        .collect();
    jobs.sort_unstable();
    let expected: Vec<u64> = (0..=100).filter(|&j| j != 10).collect();
    assert_eq!(jobs, expected);
    // The next re-plan starts from the day file and the grown problem.
    std::fs::write(
        &events,
        r#"{"schema": "lastmile/events", "version": 1, "events": []}"#,
    )
    .unwrap();
    let again = lastmile(&[
        "replan",
        &grown_arg,
        &day_arg,
        &events_arg,
        "--iterations",
        "100",
    ]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    // An event the day refuses: exit 2, the event named.
    std::fs::write(
        &events,
        r#"{"schema": "lastmile/events", "version": 1, "events": [{"type": "cancelled", "job": 999, "at": 2}]}"#,
    )
    .unwrap();
    let refused = lastmile(&["replan", &grown_arg, &day_arg, &events_arg]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused.stderr).contains("events"),
        "{}",
        text(&refused.stderr)
    );
}
