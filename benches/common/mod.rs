//! Instances shared by the benches: benchmark files when the data is found
//! (`$LASTMILE_DATASETS`, default `../shared/datasets`), otherwise
//! generated instances.

use lastmile::generate::{generate, GeneratorConfig};
use lastmile::io::{benchmark_data_dir, read_instance};
use lastmile::{Problem, Rounding};

/// The `files` (paths under the data folder) that can be read, named by
/// instance name; the `fallback` generated instances when none can.
pub fn files_or_generated(files: &[&str], fallback: &[GeneratorConfig]) -> Vec<(String, Problem)> {
    let data = benchmark_data_dir();
    let list: Vec<(String, Problem)> = files
        .iter()
        .filter_map(|file| read_instance(data.join(file), None).ok())
        .map(|p| (p.name().to_string(), p))
        .collect();
    if !list.is_empty() {
        return list;
    }
    eprintln!(
        "benchmark data not found under {}: using generated instances",
        data.display()
    );
    fallback
        .iter()
        .map(|config| {
            let problem = generate(config)
                .to_problem(Rounding::Dimacs)
                .expect("generated");
            (config.name(), problem)
        })
        .collect()
}
