//! No input makes a reader panic: random text, token soup, and valid files
//! (Solomon, VRPLIB, `.sol`, JSON) that are truncated, have a character
//! changed, two tokens swapped or a token replaced by an extreme value (huge
//! numbers, NaN, infinities, unicode). Errors point inside the file. Every
//! mutated file that still reads as a problem is solved with an iteration
//! limit: no panic, no hang (each solve has a wall-clock bound), and the plan
//! is checker-clean.
//!
//! `LASTMILE_FUZZ_CASES=N` sets the number of cases per property (default
//! 500 in CI; the closing note of issue 12 gives a run with millions).

mod common;

use lastmile::generate::{generate, GeneratorConfig, Layout};
use lastmile::io::json::{problem_from_json, problem_to_json, solution_from_json};
use lastmile::io::{
    parse_instance, solomon::parse_solomon_instance, vrplib::parse_vrplib_instance, SolFile,
};
use proptest::prelude::*;

fn solomon_text() -> String {
    generate(&GeneratorConfig::new(Layout::Mixed, 8, 5)).to_text()
}

const VRPLIB: &str = "NAME : T4\nTYPE : VRPTW\nDIMENSION : 4\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\nVEHICLES : 2\nNODE_COORD_SECTION\n1 0 0\n2 3 4\n3 6 8\n4 1 1\nDEMAND_SECTION\n1 0\n2 4\n3 5\n4 1\nDEPOT_SECTION\n 1\n -1\nTIME_WINDOW_SECTION\n1 0 100\n2 5 10\n3 0 50\n4 0 90\nSERVICE_TIME_SECTION\n1 0\n2 3\n3 3\n4 1\nEOF\n";

const SOL: &str = "Route #1: 1 3\nRoute #2: 2\nCost 31.4\n";

fn json_text() -> String {
    problem_to_json(&parse_instance(VRPLIB, None).expect("sample"))
}

/// The four sample files: Solomon, VRPLIB, `.sol`, JSON.
fn sample(which: usize) -> String {
    match which % 4 {
        0 => solomon_text(),
        1 => VRPLIB.to_string(),
        2 => SOL.to_string(),
        _ => json_text(),
    }
}

/// Feeds `text` to every reader; none may panic, and every error must point
/// at a line of the text (or just past its end). A text that reads as a
/// small problem is solved (see `common::solve_bounded`), and read as a solution
/// of the sample problem.
fn read_all(text: &str) {
    read_and_solve(text, false);
}

fn read_and_solve(text: &str, solve: bool) {
    let lines = text.lines().count().max(text.split('\r').count());
    for error in [
        parse_solomon_instance(text).err(),
        parse_vrplib_instance(text).err(),
        SolFile::parse(text).err(),
    ]
    .into_iter()
    .flatten()
    {
        assert!(
            error.line >= 1 && error.line <= lines + 1,
            "{error} for {} lines",
            lines
        );
        assert!(error.column >= 1);
    }
    let sample_problem = parse_instance(VRPLIB, None).expect("sample");
    if let Ok(file) = SolFile::parse(text) {
        let _ = file.best_known_cost(&sample_problem);
    }
    let _ = solution_from_json(&sample_problem, text);
    for problem in [
        parse_instance(text, None).ok(),
        problem_from_json(text).ok(),
    ]
    .into_iter()
    .flatten()
    {
        if solve && problem.num_jobs() <= 60 {
            common::solve_bounded(problem, 3);
        }
    }
}

/// Extreme or odd tokens a mutation may put in place of a token.
fn odd_token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("1e18".to_string()),
        Just("1e300".to_string()),
        Just("-1e300".to_string()),
        Just("9223372036854775807".to_string()),
        Just("18446744073709551616".to_string()),
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just("-0".to_string()),
        Just("0".to_string()),
        Just("2147483647".to_string()),
        Just("é∑😀".to_string()),
        Just("null".to_string()),
        Just("\"\"".to_string()),
        any::<i64>().prop_map(|v| v.to_string()),
        any::<f64>().prop_map(|v| v.to_string()),
    ]
}

/// The whitespace-separated tokens of `text` as byte ranges.
fn token_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                ranges.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        ranges.push((s, text.len()));
    }
    ranges
}

/// Lines built from the vocabulary of the formats, to get past the first line.
fn token_soup() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("VEHICLE".to_string()),
        Just("CUSTOMER".to_string()),
        Just("NUMBER".to_string()),
        Just("DIMENSION :".to_string()),
        Just("CAPACITY :".to_string()),
        Just("NODE_COORD_SECTION".to_string()),
        Just("DEMAND_SECTION".to_string()),
        Just("DEPOT_SECTION".to_string()),
        Just("TIME_WINDOW_SECTION".to_string()),
        Just("EOF".to_string()),
        Just("Route".to_string()),
        Just("#1:".to_string()),
        Just("Cost".to_string()),
        Just("-1".to_string()),
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just("99999999999999999999".to_string()),
        (-5i64..20).prop_map(|v| v.to_string()),
        any::<f64>().prop_map(|v| v.to_string()),
        "[a-z:#]{1,4}",
    ];
    prop::collection::vec(
        prop::collection::vec(token, 0..8).prop_map(|t| t.join(" ")),
        0..40,
    )
    .prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: common::fuzz_cases(500), ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(text in "\\PC{0,400}") {
        read_all(&text);
    }

    #[test]
    fn token_soup_never_panics(text in token_soup()) {
        read_all(&text);
    }

    #[test]
    fn truncated_files_never_panic(cut in 0usize..4000, which in 0usize..4) {
        let full = sample(which);
        let mut cut = cut.min(full.len());
        while !full.is_char_boundary(cut) {
            cut -= 1;
        }
        read_all(&full[..cut]);
    }

    #[test]
    fn one_changed_character_never_panics(position in 0usize..4000, replacement in prop::char::any(), which in 0usize..4) {
        let full = sample(which);
        let mut chars: Vec<char> = full.chars().collect();
        let position = position % chars.len();
        chars[position] = replacement;
        read_and_solve(&chars.into_iter().collect::<String>(), true);
    }

    #[test]
    fn swapped_tokens_never_panic(a in 0usize..4000, b in 0usize..4000, which in 0usize..4) {
        let full = sample(which);
        let tokens = token_ranges(&full);
        let (mut a, mut b) = (tokens[a % tokens.len()], tokens[b % tokens.len()]);
        if a.0 > b.0 {
            std::mem::swap(&mut a, &mut b);
        }
        if a != b {
            let text = format!(
                "{}{}{}{}{}",
                &full[..a.0], &full[b.0..b.1], &full[a.1..b.0], &full[a.0..a.1], &full[b.1..]
            );
            read_and_solve(&text, true);
        }
    }

    #[test]
    fn extreme_values_never_panic_hang_or_break_a_plan(
        edits in prop::collection::vec((0usize..4000, odd_token()), 1..4),
        which in 0usize..4,
    ) {
        let mut text = sample(which);
        for (at, token) in edits {
            let tokens = token_ranges(&text);
            let (start, end) = tokens[at % tokens.len()];
            text.replace_range(start..end, &token);
        }
        read_and_solve(&text, true);
    }
}

#[test]
fn the_sample_files_parse() {
    assert!(parse_instance(&solomon_text(), None).is_ok());
    assert!(parse_instance(VRPLIB, None).is_ok());
    assert!(SolFile::parse(SOL).is_ok());
    assert!(problem_from_json(&json_text()).is_ok());
}

#[test]
fn truncation_inside_data_names_the_missing_part() {
    let text = VRPLIB.split("DEMAND_SECTION").next().unwrap();
    let error = parse_vrplib_instance(text).unwrap_err();
    assert_eq!(error.found, "end of file");
    assert_eq!(error.expected, "DEMAND_SECTION");
}
