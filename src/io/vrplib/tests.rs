//! Unit tests of the VRPLIB reader and writer.

use super::*;
use crate::problem::Rounding;

const CVRP: &str = "NAME : \tT3\t\nTYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\nNODE_COORD_SECTION\n1 0 0\n2 3 4\n3 6 8\nDEMAND_SECTION\n1 0\n2 4\n3 5\nDEPOT_SECTION\n 1\n -1\nEOF\n";

#[test]
fn parses_cvrp() {
    let problem = parse_vrplib(CVRP, None).unwrap();
    assert_eq!(problem.name(), "T3");
    assert_eq!(problem.num_jobs(), 2);
    assert_eq!(problem.fleet_size(), 2);
    assert_eq!(problem.rounding(), Rounding::Round);
    assert_eq!(
        problem
            .distance(crate::LocationId(0), crate::LocationId(2))
            .get(),
        10
    );
}

#[test]
fn parses_time_windows_and_service_times() {
    let text = CVRP.replace("EOF\n", "TIME_WINDOW_SECTION\n1 0 100\n2 5 10\n3 0 50\nSERVICE_TIME_SECTION\n1 0\n2 3\n3 3\nEOF\n")
        .replace("CAPACITY : 10", "CAPACITY : 10\nVEHICLES : 4");
    let problem = parse_vrplib(&text, None).unwrap();
    assert_eq!(problem.rounding(), Rounding::Dimacs);
    assert_eq!(problem.fleet_size(), 4);
    assert_eq!(problem.jobs()[0].time_window.end.get(), 100);
    assert_eq!(problem.jobs()[1].service.get(), 30);
    assert_eq!(problem.vehicle_types()[0].shift.end.get(), 1000);
}

#[test]
fn reports_position_of_bad_row() {
    let error = parse_vrplib_instance(&CVRP.replace("2 3 4", "2 3 four")).unwrap_err();
    assert_eq!((error.line, error.column), (8, 5));
    assert_eq!(error.expected, "a y coordinate");
    let error = parse_vrplib_instance(&CVRP.replace("3 6 8", "4 6 8")).unwrap_err();
    assert_eq!(error.expected, "node number 3");
}

#[test]
fn absurd_dimension_is_a_parse_error_not_an_abort() {
    let error = parse_vrplib_instance(&CVRP.replace("DIMENSION : 3", "DIMENSION : 4000000000"))
        .unwrap_err();
    assert_eq!(
        error.expected,
        "a row 'node x y' for node 4 (DIMENSION is 4000000000)"
    );
    assert_eq!((error.line, error.found.as_str()), (10, "'DEMAND_SECTION'"));
}

#[test]
fn model_errors_name_the_node_and_line() {
    let error = parse_vrplib(&CVRP.replace("2 4\n", "2 -4\n"), None).unwrap_err();
    assert_eq!(
        error.to_string(),
        "line 12: node 2: demand -4 in dimension 0 is negative"
    );
    let windows = CVRP.replace(
        "EOF\n",
        "TIME_WINDOW_SECTION\n1 0 100\n2 5 10\n3 50 0\nEOF\n",
    );
    let message = parse_vrplib(&windows, None).unwrap_err().to_string();
    assert!(
        message.starts_with("line 20: node 3: time window"),
        "{message}"
    );
}

#[test]
fn rejects_repeated_sections_and_text_after_eof() {
    let twice = CVRP.replace(
        "DEPOT_SECTION",
        "DEMAND_SECTION\n1 0\n2 4\n3 5\nDEPOT_SECTION",
    );
    let error = parse_vrplib_instance(&twice).unwrap_err();
    assert_eq!(error.line, 14);
    assert!(
        error.expected.contains("already given on line 10"),
        "{}",
        error.expected
    );
    let error = parse_vrplib_instance(&format!("{CVRP}NAME : again\n")).unwrap_err();
    assert_eq!(
        (error.line, error.expected.as_str()),
        (18, "nothing after EOF")
    );
    let error = parse_vrplib_instance(&CVRP.replace("TYPE : CVRP", "TYPE : CVRP\nCAPACITY : 5"))
        .unwrap_err();
    assert_eq!(error.line, 6);
}

/// A huge `VEHICLES` is one vehicle type, read at once; spread over the
/// vehicles by a one-value fleet key it is an error naming that key's line
/// (it used to take minutes and all the memory).
#[test]
fn huge_fleets_read_at_once_or_are_refused() {
    let huge = CVRP.replace("CAPACITY : 10", "CAPACITY : 10\nVEHICLES : 1000000000000");
    let problem = parse_vrplib(&huge, None).unwrap();
    assert_eq!(problem.vehicle_types().len(), 1);
    assert_eq!(problem.fleet_size(), 1_000_000_000_000);
    let keyed = huge.replace(
        "EDGE_WEIGHT_TYPE",
        "VEHICLES_MAX_DURATION : 50\nEDGE_WEIGHT_TYPE",
    );
    let error = parse_vrplib_instance(&keyed).unwrap_err();
    assert_eq!(error.line, 4);
    assert!(
        error.found.contains("VEHICLES_MAX_DURATION"),
        "{}",
        error.found
    );
}

#[test]
fn rejects_unsupported_edge_weights() {
    let error = parse_vrplib_instance(&CVRP.replace("EUC_2D", "GEO")).unwrap_err();
    assert_eq!(error.line, 4);
    assert!(error.expected.contains("EUC_2D"));
}

/// PyVRP's dialect: two depots (nodes 1 and 2, no `-1`), four vehicles
/// (two per depot, the second pair larger and dearer), prizes, a backhaul,
/// a maximum duration for every vehicle.
const DIALECT: &str = "NAME: D5\nTYPE: HFVRP\nDIMENSION: 6\nVEHICLES: 4\n\
VEHICLES_MAX_DURATION: 500\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n\
1 0 0\n2 100 0\n3 10 0\n4 20 0\n5 90 0\n6 80 0\nDEMAND_SECTION\n1 0\n2 0\n3 4\n4 0\n5 3\n6 2\n\
BACKHAUL_SECTION\n1 0\n2 0\n3 0\n4 5\n5 0\n6 0\n\
TIME_WINDOW_SECTION\n1 0 1000\n2 0 900\n3 0 1000\n4 0 1000\n5 0 1000\n6 0 1000\n\
PRIZE_SECTION\n1 0\n2 0\n3 0\n4 0\n5 0\n6 7\n\
CAPACITY_SECTION\n1 10\n2 10\n3 20\n4 20\n\
VEHICLES_DEPOT_SECTION\n1 1\n2 1\n3 2\n4 2\n\
VEHICLES_FIXED_COST_SECTION\n1 100\n2 100\n3 300\n4 300\n\
VEHICLES_UNIT_DISTANCE_COST_SECTION\n1 1\n2 1\n3 2\n4 2\n\
DEPOT_SECTION\n1\n2\nEOF\n";

#[test]
fn reads_pyvrp_dialect_sections() {
    let instance = parse_vrplib_instance(DIALECT).unwrap();
    assert_eq!(instance.depots, vec![0, 1]);
    assert_eq!(instance.family(), Some(Family::Hfvrp));
    assert_eq!(Family::Hfvrp.objective(), crate::Objective::Cost);
    assert_eq!(instance.fleet.capacities, Some(vec![10, 10, 20, 20]));
    assert_eq!(instance.fleet.depots, Some(vec![0, 0, 1, 1]));
    assert_eq!(instance.fleet.max_durations, Some(vec![500.0; 4]));
    assert_eq!(instance.backhauls.as_ref().unwrap()[3], 5);
    assert_eq!(instance.service_times, vec![0.0; 6]);

    let problem = instance.to_problem(Rounding::Precise).unwrap();
    assert_eq!(problem.num_jobs(), 4, "the depots are not jobs");
    let types = problem.vehicle_types();
    assert_eq!(types.len(), 2, "one type per run of alike vehicles");
    assert_eq!((types[0].count, types[1].count), (2, 2));
    assert_eq!(types[1].start_depot, crate::LocationId(1));
    assert_eq!(types[1].capacity.get(0), 20);
    assert_eq!(types[1].shift.end.get(), 900_000, "the depot's window");
    assert_eq!(types[0].max_duration.unwrap().get(), 500_000);
    assert_eq!(
        (types[1].costs.fixed, types[1].costs.per_distance),
        (300.0, 2.0)
    );
    assert_eq!(problem.job(crate::JobId(1)).pickup.get(0), 5);
    assert!(problem.job(crate::JobId(3)).is_optional(), "a prize");
    assert!(!problem.job(crate::JobId(0)).is_optional());
    assert!(!problem.backhauls_last(), "only TYPE VRPB sets the rule");

    // Route k is vehicle k; customers are numbered after the two depots.
    let sol =
        crate::io::SolFile::parse("Route #1: 2 3\nRoute #2:\nRoute #3: 4\nCost: 1\n").unwrap();
    let solution = sol.to_solution(&problem).unwrap();
    let routes = solution.routes();
    assert_eq!(routes.len(), 2);
    assert_eq!(routes[1].vehicle_type, crate::VehicleTypeId(1));
    assert_eq!(solution.unassigned().len(), 1, "the prize job left out");
    assert!(crate::check(&problem, &solution).is_feasible());
    let written = crate::io::SolFile::from_solution(&problem, &solution);
    assert_eq!(written.routes, vec![vec![2, 3], vec![], vec![4]]);
}

#[test]
fn dialect_round_trips_through_text() {
    let instance = parse_vrplib_instance(DIALECT).unwrap();
    let again = parse_vrplib_instance(&instance.to_text()).unwrap();
    assert_eq!(again, instance);
    let vrpb = DIALECT.replace("TYPE: HFVRP", "TYPE: VRPB");
    let instance = parse_vrplib_instance(&vrpb).unwrap();
    assert!(instance.backhauls_last());
    assert_eq!(instance.default_rounding(), Rounding::Round);
    let problem = instance.to_problem(Rounding::Round).unwrap();
    assert!(problem.backhauls_last());
}

#[test]
fn dialect_errors_name_their_line() {
    let error = parse_vrplib_instance(&DIALECT.replace("VEHICLES: 4\n", "")).unwrap_err();
    assert_eq!(error.expected, "VEHICLES before CAPACITY_SECTION");
    assert_eq!(error.line, 41);
    let both = DIALECT.replace(
        "DEPOT_SECTION\n1\n2\n",
        "VEHICLES_MAX_DURATION_SECTION\n1 5\n2 5\n3 5\n4 5\nDEPOT_SECTION\n1\n2\n",
    );
    let error = parse_vrplib_instance(&both).unwrap_err();
    assert_eq!(error.line, 5);
    assert!(
        error.expected.starts_with("either VEHICLES_MAX_DURATION"),
        "{}",
        error.expected
    );
    let error = parse_vrplib_instance(
        &DIALECT.replace("3 2\n4 2\nVEHICLES_FIXED", "3 2\n4 9\nVEHICLES_FIXED"),
    )
    .unwrap_err();
    assert_eq!(error.expected, "a node number from 1 to 6");
    let not_a_depot = DIALECT.replace("3 2\n4 2\nVEHICLES_FIXED", "3 2\n4 3\nVEHICLES_FIXED");
    let message = parse_vrplib(&not_a_depot, None).unwrap_err().to_string();
    assert!(
        message.contains("vehicle depot node 3 is not a depot"),
        "{message}"
    );
    let reloads = DIALECT.replace(
        "DEPOT_SECTION\n1\n2\n",
        "VEHICLES_RELOAD_DEPOT_SECTION\n1 1\n2 1\n3 2\n4 2 1\nDEPOT_SECTION\n1\n2\n",
    );
    let instance = parse_vrplib_instance(&reloads).unwrap();
    assert_eq!(
        instance.fleet.reload_depots.as_ref().unwrap()[3],
        vec![1, 0]
    );
    let problem = parse_vrplib(&reloads, None).unwrap();
    assert!(problem.has_trips());
    let last = problem.vehicle_types().last().unwrap();
    assert_eq!(last.reload_depots, [LocationId(1), LocationId(0)]);
    let error =
        parse_vrplib_instance(&DIALECT.replace("DEPOT_SECTION\n1\n2\n", "DEPOT_SECTION\n1\n1\n"))
            .unwrap_err();
    assert_eq!(error.expected, "a depot not listed before");
}
