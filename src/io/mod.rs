//! Reading and writing instances and solutions.
//!
//! - [`solomon`]: the Solomon VRPTW format (`.txt`).
//! - [`vrplib`]: VRPLIB `.vrp` files (CVRP and VRPTW).
//! - [`sol`]: VRPLIB solution files (`Route #k: ...`, `Cost X`).
//! - [`json`]: problems and solutions as versioned JSON (every attribute).
//!
//! [`read_instance`] reads either instance format, telling them apart by
//! content. No input makes a reader panic: malformed text gives a
//! [`ParseError`](crate::ParseError) with its line and column.

pub mod json;
pub mod sol;
pub mod solomon;
mod text;
pub mod vroom;
pub mod vrplib;

pub use sol::SolFile;

use crate::error::LoadError;
use crate::problem::{Problem, Rounding};
use std::path::Path;

/// Where the benchmark data (Solomon, Gehring–Homberger, CVRPLIB X) is
/// looked for: `$LASTMILE_DATASETS`, or `../shared/datasets` beside this
/// crate's source. The folder may not exist; see `datasets/README.md`.
pub fn benchmark_data_dir() -> std::path::PathBuf {
    std::env::var_os("LASTMILE_DATASETS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/datasets"))
}

/// Instance formats [`read_instance`] understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InstanceFormat {
    /// Solomon / Gehring–Homberger text format.
    Solomon,
    /// VRPLIB `.vrp`.
    Vrplib,
}

impl InstanceFormat {
    /// Tells the format by the first word of the text (after a byte-order
    /// mark and blank lines): a VRPLIB header key (`NAME`, `TYPE`,
    /// `DIMENSION`, ..., with or without its colon) or a `..._SECTION`
    /// starts a VRPLIB file; anything else is taken for the name line of
    /// a Solomon file (which may contain colons).
    pub fn detect(text: &str) -> InstanceFormat {
        const VRPLIB_KEYS: [&str; 9] = [
            "NAME",
            "TYPE",
            "COMMENT",
            "DIMENSION",
            "CAPACITY",
            "VEHICLES",
            "EDGE_WEIGHT_TYPE",
            "SERVICE_TIME",
            "EOF",
        ];
        let first = text::strip_bom(text)
            .split_whitespace()
            .next()
            .unwrap_or_default();
        let key = first
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        if VRPLIB_KEYS.contains(&key.as_str()) || key.ends_with("_SECTION") {
            InstanceFormat::Vrplib
        } else {
            InstanceFormat::Solomon
        }
    }
}

/// Parses instance text of either format; `rounding` defaults to the
/// convention of the format's published best-known costs.
pub fn parse_instance(text: &str, rounding: Option<Rounding>) -> Result<Problem, LoadError> {
    match InstanceFormat::detect(text) {
        InstanceFormat::Solomon => solomon::parse_solomon(text, rounding),
        InstanceFormat::Vrplib => vrplib::parse_vrplib(text, rounding),
    }
}

/// Reads an instance file of either format (see [`parse_instance`]).
pub fn read_instance(
    path: impl AsRef<Path>,
    rounding: Option<Rounding>,
) -> Result<Problem, LoadError> {
    let path = path.as_ref();
    let text = read_text(path)?;
    parse_instance(&text, rounding).map_err(|e| e.with_path(path))
}

/// Reads a `.sol` file.
pub fn read_sol(path: impl AsRef<Path>) -> Result<SolFile, LoadError> {
    let path = path.as_ref();
    let text = read_text(path)?;
    SolFile::parse(&text).map_err(|e| LoadError::from(e).with_path(path))
}

/// Writes `solution` as a `.sol` file.
pub fn write_sol(
    path: impl AsRef<Path>,
    problem: &Problem,
    solution: &crate::Solution,
) -> Result<(), std::io::Error> {
    std::fs::write(
        path,
        SolFile::from_solution(problem, solution).to_text(problem),
    )
}

fn read_text(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })
}
