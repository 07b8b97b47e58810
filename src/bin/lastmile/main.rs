//! `lastmile`: solve, check and convert routing problems from the command
//! line.
//!
//! ```text
//! lastmile solve datasets/LM-RC1-100-s1.txt --time 10 -o plan.json --map plan.svg
//! lastmile solve day.json --report day.html --clock minutes
//! lastmile solve vroom-input.json -o vroom-output.json
//! lastmile check datasets/LM-RC1-100-s1.txt plan.json
//! lastmile kpis datasets/LM-RC1-100-s1.txt plan.json
//! lastmile convert datasets/LM-RC1-100-s1.txt problem.json
//! lastmile replan problem.json plan.json events.json -o rest.json --day-out day.json
//! ```
//!
//! Exit codes: 0 success (for `check`: the plan is feasible), 1 the plan
//! breaks a rule (`check`), 2 bad arguments or unreadable input.

mod files;
mod geojson;
mod map;
mod replan;
mod report;

use clap::{Parser, Subcommand, ValueEnum};
use files::{read_plan, read_problem, write_plan, Format};
use lastmile::{check, kpis, Objective, Phase, ProgressEvent, Solver};
use std::path::PathBuf;
use std::process::ExitCode;

/// `println!` that ignores a closed stdout (`| head`) instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Vehicle routing for last-mile delivery: solve, check and convert plans.
#[derive(Parser)]
#[command(version, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXAMPLES: &str = "Examples:
  lastmile solve datasets/LM-RC1-100-s1.txt --time 10 -o plan.json --map plan.svg
  lastmile solve day.json --report day.html --clock minutes
  lastmile solve vroom-input.json -o vroom-output.json   (VROOM's formats in and out)
  lastmile check datasets/LM-RC1-100-s1.txt plan.json
  lastmile kpis datasets/LM-RC1-100-s1.txt plan.json
  lastmile convert datasets/LM-RC1-100-s1.txt problem.json
  lastmile replan problem.json plan.json events.json -o rest.json --day-out day.json

Exit codes: 0 success, 1 the plan breaks a rule (check), 2 bad arguments or input.";

#[derive(Subcommand)]
enum Command {
    /// Solve a problem and write the plan.
    Solve(SolveArgs),
    /// Check a plan against its problem with the independent checker.
    Check(PlanArgs),
    /// Print a plan's key figures.
    Kpis {
        #[command(flatten)]
        plan: PlanArgs,
        /// Print them as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Re-plan a day in progress: apply the events since, plan the rest of
    /// the day, print what changed.
    Replan(ReplanArgs),
    /// Convert a problem (Solomon, VRPLIB, VROOM or lastmile JSON) to lastmile's JSON.
    Convert {
        /// The problem file.
        input: PathBuf,
        /// Where to write the JSON problem.
        output: PathBuf,
        /// The input's format (default: told by extension and content).
        #[arg(long, value_enum, default_value = "auto")]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ObjectiveArg {
    /// Total distance (the benchmarks' convention).
    Distance,
    /// Fewest vehicles, then distance.
    Vehicles,
    /// Vehicle costs: fixed, per distance and per time.
    Cost,
}

#[derive(clap::Args)]
struct SolveArgs {
    /// The problem: lastmile JSON, VROOM JSON, Solomon .txt or VRPLIB .vrp.
    input: PathBuf,
    /// Write the plan here (.json: lastmile's plan format, or VROOM's
    /// solution format for a VROOM problem; .sol: VRPLIB).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Draw the plan as an SVG map here (needs coordinates).
    #[arg(long)]
    map: Option<PathBuf>,
    /// Write the plan as GeoJSON here (routes as lines, stops as points).
    #[arg(long)]
    geojson: Option<PathBuf>,
    /// Write the plan as one self-contained HTML page here: map, key
    /// figures, sortable route sheets.
    #[arg(long)]
    report: Option<PathBuf>,
    /// How the report shows times (default: seconds for VROOM files,
    /// plain numbers otherwise).
    #[arg(long, value_enum)]
    clock: Option<report::Clock>,
    /// Time limit in seconds.
    #[arg(long, default_value_t = 5.0, allow_negative_numbers = true)]
    time: f64,
    /// Stop after this many iterations instead (repeatable runs).
    #[arg(long)]
    iterations: Option<u64>,
    /// Worker threads.
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// What to minimise (default: distance; for VROOM files, what VROOM
    /// minimises: travel time, or the vehicles' costs when they have any).
    #[arg(long, value_enum)]
    objective: Option<ObjectiveArg>,
    /// The input's format (default: told by extension and content).
    #[arg(long, value_enum, default_value = "auto")]
    format: Format,
    /// No progress lines.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(clap::Args)]
struct ReplanArgs {
    /// The day's problem (lastmile JSON, or any format `solve` reads).
    problem: PathBuf,
    /// The state: a day file (as `--day-out` writes it) or, at the start
    /// of the day, the morning's plan (lastmile's JSON plan).
    state: PathBuf,
    /// The events since (lastmile/events JSON), applied in order.
    events: PathBuf,
    /// Write the plan for the rest of the day here (JSON: per van its
    /// committed and planned stops with ETAs; left out, moved, ETA changes).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Write the day after the re-plan here, for the next `replan`.
    #[arg(long)]
    day_out: Option<PathBuf>,
    /// Write the day's problem here too (new orders add jobs to it).
    #[arg(long)]
    problem_out: Option<PathBuf>,
    /// Time limit of the re-plan in seconds.
    #[arg(long, default_value_t = 2.0, allow_negative_numbers = true)]
    time: f64,
    /// Stop after this many iterations instead (repeatable runs).
    #[arg(long)]
    iterations: Option<u64>,
    /// Keep every van's plan and only insert the jobs it lacks.
    #[arg(long)]
    insert_only: bool,
    /// Stops of a van on the road that stay as they are (the next ones).
    #[arg(long, default_value_t = 1)]
    lock_first: usize,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// What to minimise.
    #[arg(long, value_enum, default_value = "distance")]
    objective: ObjectiveArg,
    /// The problem's format (default: told by extension and content).
    #[arg(long, value_enum, default_value = "auto")]
    format: Format,
}

#[derive(clap::Args)]
struct PlanArgs {
    /// The problem the plan is for.
    problem: PathBuf,
    /// The plan (.json: lastmile's plan format, or VROOM's for a VROOM
    /// problem; .sol: VRPLIB).
    plan: PathBuf,
    /// The problem's format (default: told by extension and content).
    #[arg(long, value_enum, default_value = "auto")]
    format: Format,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<ExitCode, String> {
    match command {
        Command::Solve(args) => solve(&args),
        Command::Check(args) => {
            let input = read_problem(&args.problem, args.format)?;
            let plan = read_plan(&input, &args.plan)?;
            let problem = input.problem;
            let report = check(&problem, &plan);
            for violation in &report.violations {
                say!("violation  {violation}");
            }
            say!(
                "{}: {} routes, distance {}, {} unassigned",
                if report.is_feasible() {
                    "feasible"
                } else {
                    "INFEASIBLE"
                },
                report.vehicles,
                problem.to_instance_units(report.distance.get()),
                plan.unassigned().len()
            );
            Ok(if report.is_feasible() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Kpis { plan, json } => {
            let input = read_problem(&plan.problem, plan.format)?;
            let solution = read_plan(&input, &plan.plan)?;
            let problem = input.problem;
            let figures = kpis(&problem, &solution);
            if json {
                say!("{}", files::kpis_json(&figures));
            } else {
                say!("{}", files::kpis_table(&figures));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Replan(args) => run_replan(&args),
        Command::Convert {
            input,
            output,
            format,
        } => {
            let problem = read_problem(&input, format)?.problem;
            lastmile::io::json::write_problem_json(&output, &problem)
                .map_err(|e| format!("{}: {e}", output.display()))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `--time` as a limit, or the error for a value that is not one.
fn time_limit(seconds: f64) -> Result<std::time::Duration, String> {
    lastmile::deadline::seconds(seconds)
        .ok_or_else(|| format!("--time must be a non-negative number of seconds, got {seconds}"))
}

fn objective_of(arg: ObjectiveArg) -> Objective {
    match arg {
        ObjectiveArg::Distance => Objective::Distance,
        ObjectiveArg::Vehicles => Objective::VehiclesThenDistance,
        ObjectiveArg::Cost => Objective::Cost,
    }
}

fn run_replan(args: &ReplanArgs) -> Result<ExitCode, String> {
    let time_limit = time_limit(args.time)?;
    let problem = read_problem(&args.problem, args.format)?.problem;
    let mut day = replan::read_day(&problem, &args.state)?;
    let events = replan::apply_events(&mut day, &args.events)?;
    let mut solver = Solver::new()
        .seed(args.seed)
        .objective(objective_of(args.objective));
    solver = match args.iterations {
        Some(n) => solver.iteration_limit(n),
        None => solver.time_limit(time_limit),
    };
    let config = lastmile::replan::ReplanConfig {
        insert_only: args.insert_only,
        lock_first: args.lock_first,
        ..Default::default()
    };
    let plan = replan::plan_rest(&mut day, &solver, &config);
    let day_problem = day.problem().clone();
    let planned: usize = plan.vehicles.iter().map(|v| v.stops().count()).sum();
    say!(
        "{events} events applied; now {}: {} stops planned on {} vans, {} left out, {} moved to another van, {} ETAs changed",
        day_problem.to_instance_units(plan.now.get()),
        planned,
        plan.vehicles.iter().filter(|v| v.stops().next().is_some()).count(),
        plan.unassigned.len(),
        plan.moved.len(),
        plan.eta_changes.len()
    );
    for left in &plan.unassigned {
        say!("left out  job {}: {}", left.job.0, left.reason);
    }
    if let Some(path) = &args.output {
        files::write_text(path, &replan::plan_json(&day_problem, &plan))?;
    }
    if let Some(path) = &args.day_out {
        replan::write_day(&day, path, args.problem_out.as_deref())?;
    } else if args.problem_out.is_some() {
        return Err("--problem-out goes with --day-out".into());
    }
    Ok(ExitCode::SUCCESS)
}

fn solve(args: &SolveArgs) -> Result<ExitCode, String> {
    let time_limit = time_limit(args.time)?;
    if args.threads == 0 {
        return Err("--threads must be at least 1".into());
    }
    let input = read_problem(&args.input, args.format)?;
    let problem = &input.problem;
    // VROOM files say what they minimise (travel time, or their costs).
    let objective = match args.objective {
        Some(arg) => objective_of(arg),
        None => input
            .vroom
            .as_ref()
            .map_or(Objective::Distance, |v| v.objective()),
    };
    let mut solver = Solver::new()
        .seed(args.seed)
        .threads(args.threads)
        .objective(objective);
    solver = match args.iterations {
        Some(n) => solver.iteration_limit(n),
        None => solver.time_limit(time_limit),
    };
    if !args.quiet {
        solver = with_progress(solver, problem, args, time_limit);
    }
    let result = solver.solve(problem);
    let report = check(problem, &result.solution);
    say!(
        "{} routes, distance {}, {} unassigned, {} iterations in {:.2} s; checker: {}",
        report.vehicles,
        problem.to_instance_units(report.distance.get()),
        result.solution.unassigned().len(),
        result.stats.iterations,
        result.stats.elapsed.as_secs_f64(),
        if report.is_feasible() {
            "feasible"
        } else {
            "INFEASIBLE"
        }
    );
    if let Some(output) = &args.output {
        write_plan(&input, &result.solution, output)?;
    }
    if let Some(path) = &args.map {
        let figures = kpis(problem, &result.solution);
        let svg = map::plan_svg(problem, &result.solution, &figures)?;
        files::write_text(path, &svg)?;
    }
    if let Some(path) = &args.report {
        let clock = args.clock.unwrap_or(if input.vroom.is_some() {
            report::Clock::Seconds
        } else {
            report::Clock::Plain
        });
        let figures = kpis(problem, &result.solution);
        let html = report::plan_html(problem, &result.solution, &figures, clock);
        files::write_text(path, &html)?;
    }
    if let Some(path) = &args.geojson {
        let text = geojson::plan_geojson(problem, &result.solution)?;
        files::write_text(path, &text)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Progress while solving: a bar on a terminal (elapsed share of the time
/// or iteration budget, phase, best plan so far), else a plain line at
/// each phase and at most every second (for logs and pipes).
fn with_progress(
    solver: Solver,
    problem: &lastmile::Problem,
    args: &SolveArgs,
    time_limit: std::time::Duration,
) -> Solver {
    use std::io::IsTerminal;
    let shown = problem.clone();
    let describe = move |p: &lastmile::Progress| {
        format!(
            "{:12}  routes {:4}  distance {}  unassigned {}",
            format!("{:?}", p.phase),
            p.vehicles,
            shown.to_instance_units(p.distance.get()),
            p.unassigned
        )
    };
    if std::io::stderr().is_terminal() {
        let (length, by_iterations) = match args.iterations {
            Some(n) => (n.max(1), true),
            None => ((time_limit.as_millis() as u64).max(1), false),
        };
        let bar = indicatif::ProgressBar::new(length);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{elapsed:>4} [{bar:25.cyan/blue}] {percent:>3}% {wide_msg}",
            )
            .expect("a valid template")
            .progress_chars("=> "),
        );
        return solver.on_progress(move |p| {
            bar.set_position(if by_iterations {
                p.iteration
            } else {
                p.elapsed.as_millis() as u64
            });
            bar.set_message(describe(p));
            if p.phase == Phase::Done {
                bar.finish_and_clear();
            }
        });
    }
    let last = std::sync::Mutex::new(f64::NEG_INFINITY);
    solver.on_progress(move |p| {
        let mut last = last.lock().expect("progress lock");
        let now = p.elapsed.as_secs_f64();
        let done = p.phase == Phase::Done;
        if p.event != ProgressEvent::PhaseStarted && !done && now - *last < 1.0 {
            return;
        }
        *last = now;
        eprintln!("{now:8.2} s  {}", describe(p));
    })
}
