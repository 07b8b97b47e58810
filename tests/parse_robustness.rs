//! No input makes a reader panic: random text, token soup, and valid files
//! that are truncated or have one character changed. Errors point inside the
//! file.

use lastmile::generate::{generate, GeneratorConfig, Layout};
use lastmile::io::{
    parse_instance, solomon::parse_solomon_instance, vrplib::parse_vrplib_instance, SolFile,
};
use proptest::prelude::*;

fn solomon_text() -> String {
    generate(&GeneratorConfig::new(Layout::Mixed, 8, 5)).to_text()
}

const VRPLIB: &str = "NAME : T4\nTYPE : VRPTW\nDIMENSION : 4\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\nVEHICLES : 2\nNODE_COORD_SECTION\n1 0 0\n2 3 4\n3 6 8\n4 1 1\nDEMAND_SECTION\n1 0\n2 4\n3 5\n4 1\nDEPOT_SECTION\n 1\n -1\nTIME_WINDOW_SECTION\n1 0 100\n2 5 10\n3 0 50\n4 0 90\nSERVICE_TIME_SECTION\n1 0\n2 3\n3 3\n4 1\nEOF\n";

const SOL: &str = "Route #1: 1 3\nRoute #2: 2\nCost 31.4\n";

/// Feeds `text` to every reader; none may panic, and every error must point
/// at a line of the text (or just past its end).
fn read_all(text: &str) {
    let lines = text.lines().count();
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
    let _ = parse_instance(text, None);
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
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(text in "\\PC{0,400}") {
        read_all(&text);
    }

    #[test]
    fn token_soup_never_panics(text in token_soup()) {
        read_all(&text);
    }

    #[test]
    fn truncated_files_never_panic(cut in 0usize..2000, which in 0usize..3) {
        let full = [solomon_text(), VRPLIB.to_string(), SOL.to_string()][which].clone();
        let cut = cut.min(full.len());
        read_all(&full[..cut]);
    }

    #[test]
    fn one_changed_character_never_panics(position in 0usize..2000, replacement in prop::char::any(), which in 0usize..3) {
        let full = [solomon_text(), VRPLIB.to_string(), SOL.to_string()][which].clone();
        let mut chars: Vec<char> = full.chars().collect();
        let position = position % chars.len();
        chars[position] = replacement;
        read_all(&chars.into_iter().collect::<String>());
    }
}

#[test]
fn the_sample_files_parse() {
    assert!(parse_instance(&solomon_text(), None).is_ok());
    assert!(parse_instance(VRPLIB, None).is_ok());
    assert!(SolFile::parse(SOL).is_ok());
}

#[test]
fn truncation_inside_data_names_the_missing_part() {
    let text = VRPLIB.split("DEMAND_SECTION").next().unwrap();
    let error = parse_vrplib_instance(text).unwrap_err();
    assert_eq!(error.found, "end of file");
    assert_eq!(error.expected, "DEMAND_SECTION");
}
