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

#[test]
fn rejects_unsupported_edge_weights() {
    let error = parse_vrplib_instance(&CVRP.replace("EUC_2D", "GEO")).unwrap_err();
    assert_eq!(error.line, 4);
    assert!(error.expected.contains("EUC_2D"));
}
