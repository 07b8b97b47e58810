//! Error types. Every enum is `#[non_exhaustive]` so that new variants can be
//! added without breaking users, and every variant names what went wrong.

use std::fmt;
use std::path::PathBuf;

/// The item of a problem an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    /// The location with this index (in the order locations were added).
    Location(usize),
    /// The job with this index (in the order jobs were added).
    Job(usize),
    /// The vehicle type with this index (in the order types were added).
    VehicleType(usize),
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Item::Location(i) => write!(f, "location {i}"),
            Item::Job(i) => write!(f, "job {i}"),
            Item::VehicleType(i) => write!(f, "vehicle type {i}"),
        }
    }
}

/// A structural mistake in a problem, found by
/// [`ProblemBuilder::build`](crate::ProblemBuilder::build).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// An item refers to a location that was never added.
    #[error("{item} refers to unknown location {location} (the problem has {count} locations)")]
    UnknownLocation {
        /// The item holding the reference.
        item: Item,
        /// The location index it used.
        location: usize,
        /// How many locations exist.
        count: usize,
    },
    /// A coordinate is NaN or infinite.
    #[error("location {location} has a non-finite coordinate ({x}, {y})")]
    NonFiniteCoordinate {
        /// The location.
        location: usize,
        /// Its x coordinate as given.
        x: f64,
        /// Its y coordinate as given.
        y: f64,
    },
    /// A location has no coordinates and no explicit matrix was given.
    #[error("location {location} has no coordinates and no explicit distance matrix was given")]
    MissingCoordinates {
        /// The location.
        location: usize,
    },
    /// A time or duration value is NaN or infinite.
    #[error("{item}: {field} is not a finite number ({value})")]
    NonFiniteValue {
        /// The item.
        item: Item,
        /// Which field.
        field: &'static str,
        /// The value as given.
        value: f64,
    },
    /// A time window (or shift) starts after it ends, or starts before zero.
    #[error("{item}: time window [{start}, {end}] is invalid (start after end, or negative)")]
    InvalidTimeWindow {
        /// The item.
        item: Item,
        /// Window start as given.
        start: f64,
        /// Window end as given.
        end: f64,
    },
    /// A demand amount is negative.
    #[error("{item}: {kind} {value} in dimension {dimension} is negative")]
    NegativeDemand {
        /// The job.
        item: Item,
        /// `"demand"` (delivery) or `"pickup"`.
        kind: &'static str,
        /// The capacity dimension.
        dimension: usize,
        /// The amount as given.
        value: i64,
    },
    /// A capacity amount is negative.
    #[error("{item}: capacity {value} in dimension {dimension} is negative")]
    NegativeCapacity {
        /// The vehicle type.
        item: Item,
        /// The capacity dimension.
        dimension: usize,
        /// The amount as given.
        value: i64,
    },
    /// A duration, a limit, a cost or a penalty (a service time, a maximum
    /// route distance or duration, a vehicle cost rate, an optional job's
    /// penalty) is negative.
    #[error("{item}: {field} {value} is negative")]
    NegativeDuration {
        /// The item.
        item: Item,
        /// Which field.
        field: &'static str,
        /// The value as given.
        value: f64,
    },
    /// A time value (a window or shift start, a service time) is beyond
    /// the supported range ([`MAX_TIME`](crate::units::MAX_TIME) internal
    /// units); `max` is that limit in the problem's own units.
    #[error("{item}: {field} {value} is above the largest supported time, {max}")]
    ValueTooLarge {
        /// The item.
        item: Item,
        /// Which field.
        field: &'static str,
        /// The value as given.
        value: f64,
        /// The largest value accepted, in the problem's units.
        max: f64,
    },
    /// A vehicle type names a travel-time profile that was not added.
    #[error("{item}: travel profile {profile} does not exist ({count} were added)")]
    UnknownTravelProfile {
        /// The vehicle type.
        item: Item,
        /// The profile named.
        profile: usize,
        /// Profiles added.
        count: usize,
    },
    /// Traffic periods that cannot be used: an unknown travel profile, a
    /// start out of order or range, a factor out of range.
    #[error("traffic of travel profile {profile}, period {period}: {message}")]
    InvalidTraffic {
        /// The travel profile (0: the problem's own times).
        profile: usize,
        /// The period (0-based, in the order given).
        period: usize,
        /// What is wrong.
        message: String,
    },
    /// A change names a job the problem does not have.
    #[error("job {job} does not exist ({count} jobs)")]
    UnknownJob {
        /// The job named.
        job: usize,
        /// Jobs in the problem.
        count: usize,
    },
    /// A job is bound to a vehicle type that does not exist.
    #[error("{item}: vehicle type {vehicle_type} does not exist ({count} were added)")]
    UnknownVehicleType {
        /// The job.
        item: Item,
        /// The vehicle type named.
        vehicle_type: usize,
        /// Vehicle types added.
        count: usize,
    },
    /// A factor that must be above zero (a speed factor) is zero.
    #[error("{item}: {field} must be above zero, not {value}")]
    NotPositive {
        /// The item.
        item: Item,
        /// Which field.
        field: &'static str,
        /// The value as given.
        value: f64,
    },
    /// A driver break rule is invalid: a window out of order, or outside
    /// the shift, a duration or driving limit not above zero, more than
    /// one driving rule, or too many breaks.
    #[error("{item}, break {index}: {message}")]
    InvalidBreak {
        /// The vehicle type.
        item: Item,
        /// The break (0-based, in the order given).
        index: usize,
        /// What is wrong.
        message: String,
    },
    /// A job has more alternative places than supported.
    #[error("{item}: {found} alternative places, at most {max} are supported")]
    TooManyAlternatives {
        /// The job.
        item: Item,
        /// Alternatives given.
        found: usize,
        /// The most allowed.
        max: usize,
    },
    /// A skill name is empty.
    #[error("{item}: a skill name is empty")]
    EmptySkillName {
        /// The job or vehicle type naming it.
        item: Item,
    },
    /// More distinct skills than a problem supports.
    #[error("{item}: more than {max} distinct skill names")]
    TooManySkills {
        /// The first job or vehicle type naming one too many.
        item: Item,
        /// The most skills supported.
        max: usize,
    },
    /// All jobs together deliver plus pick up more than the search can
    /// sum in one dimension: use a coarser unit (kilograms, not grams).
    #[error("jobs deliver and pick up {total} in dimension {dimension} in total, at most {max} are supported; use a coarser unit")]
    TotalLoadTooLarge {
        /// The capacity dimension.
        dimension: usize,
        /// The total as given (saturated at `i64::MAX`).
        total: i64,
        /// The supported maximum.
        max: i64,
    },
    /// There are no vehicles (no vehicle type, or all counts are zero).
    #[error("the fleet is empty: add at least one vehicle type with a count above zero")]
    EmptyFleet,
    /// An item's demand or capacity has a different number of dimensions
    /// than the problem's vehicle types.
    #[error("{item} has {found} capacity dimensions, expected {expected}")]
    DimensionMismatch {
        /// The item.
        item: Item,
        /// Dimensions the problem uses (those of the first vehicle type).
        expected: usize,
        /// Dimensions the item has.
        found: usize,
    },
    /// More capacity dimensions than supported.
    #[error("{item} has {found} capacity dimensions, at most {max} are supported")]
    TooManyDimensions {
        /// The item.
        item: Item,
        /// Dimensions the item has.
        found: usize,
        /// The supported maximum.
        max: usize,
    },
    /// A row of an explicit matrix does not have one entry per location.
    #[error(
        "{matrix} matrix: row {row} has {found} entries, expected {expected} (one per location)"
    )]
    MatrixShape {
        /// "distance" or "duration".
        matrix: &'static str,
        /// The offending row.
        row: usize,
        /// Entries expected.
        expected: usize,
        /// Entries found.
        found: usize,
    },
    /// An explicit matrix does not have one row per location.
    #[error("{matrix} matrix has {found} rows, expected {expected} (one per location)")]
    MatrixRows {
        /// "distance" or "duration".
        matrix: &'static str,
        /// Rows expected.
        expected: usize,
        /// Rows found.
        found: usize,
    },
    /// The data of a parsed or hand-made instance does not fit together
    /// (for example fewer demands than nodes, or no depot).
    #[error("inconsistent instance: {what}")]
    InconsistentInstance {
        /// What does not fit.
        what: String,
    },
    /// Too many locations for a dense travel matrix.
    #[error("{locations} locations need a dense matrix of {locations}² entries; at most {max} locations are supported")]
    TooManyLocations {
        /// Locations in the problem.
        locations: usize,
        /// The supported maximum.
        max: usize,
    },
    /// A matrix entry is negative or too large to store.
    #[error("{matrix} matrix: entry ({from}, {to}) = {value} is negative or above {max}")]
    MatrixValue {
        /// "distance" or "duration".
        matrix: &'static str,
        /// Row.
        from: usize,
        /// Column.
        to: usize,
        /// The value.
        value: i64,
        /// The largest value accepted.
        max: i64,
    },
}

impl ModelError {
    /// The item of the problem the error is about, if it is about one (a
    /// coordinate error is about its location).
    pub fn item(&self) -> Option<Item> {
        use ModelError::*;
        match self {
            UnknownLocation { item, .. }
            | NonFiniteValue { item, .. }
            | InvalidTimeWindow { item, .. }
            | NegativeDemand { item, .. }
            | NegativeCapacity { item, .. }
            | NegativeDuration { item, .. }
            | ValueTooLarge { item, .. }
            | UnknownTravelProfile { item, .. }
            | UnknownVehicleType { item, .. }
            | NotPositive { item, .. }
            | InvalidBreak { item, .. }
            | TooManyAlternatives { item, .. }
            | EmptySkillName { item }
            | TooManySkills { item, .. }
            | DimensionMismatch { item, .. }
            | TooManyDimensions { item, .. } => Some(*item),
            NonFiniteCoordinate { location, .. } | MissingCoordinates { location } => {
                Some(Item::Location(*location))
            }
            _ => None,
        }
    }

    /// The field of the item the error is about, when one is named:
    /// `"coordinates"`, `"demand"`, `"pickup"`, `"capacity"`, `"time
    /// window"`, or the field names of the time and cost values
    /// (`"service time"`, `"time window start"`, ...).
    pub fn field(&self) -> Option<&'static str> {
        use ModelError::*;
        match self {
            NonFiniteValue { field, .. }
            | NegativeDuration { field, .. }
            | ValueTooLarge { field, .. }
            | NotPositive { field, .. } => Some(field),
            InvalidTimeWindow { .. } => Some("time window"),
            NegativeDemand { kind, .. } => Some(kind),
            NegativeCapacity { .. } => Some("capacity"),
            NonFiniteCoordinate { .. } | MissingCoordinates { .. } => Some("coordinates"),
            _ => None,
        }
    }
}

/// Where in a file a problem's item was read: its line and the name the
/// file gives it (`customer 5`, `node 2`, `jobs[4]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// 1-based line number, when the format has lines that hold the item.
    pub line: Option<usize>,
    /// The item as the file names it.
    pub label: String,
}

/// A malformed instance or solution file: where, and what was expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: expected {expected}, found {found}")]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column (in characters) where the offending token starts.
    pub column: usize,
    /// What the reader expected there.
    pub expected: String,
    /// What it found (quoted), or "end of file".
    pub found: String,
}

/// Why an instance or solution file could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is malformed.
    #[error("{}{source}", path_prefix(path))]
    Parse {
        /// The file, when the text came from one.
        path: Option<PathBuf>,
        /// Where and what.
        source: ParseError,
    },
    /// A JSON file is malformed or does not follow the schema (unknown
    /// fields included).
    #[error("{}line {line}, column {column}: {message}", path_prefix(path))]
    Json {
        /// The file, when the text came from one.
        path: Option<PathBuf>,
        /// 1-based line number.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A JSON file declares another schema or a version this library does
    /// not read.
    #[error("{}schema {found:?} is not {expected:?}", path_prefix(path))]
    Schema {
        /// The file, when the text came from one.
        path: Option<PathBuf>,
        /// Schema and version found (e.g. `lastmile/problem v2`).
        found: String,
        /// Schema and version expected.
        expected: String,
    },
    /// The solution file parsed, but does not fit the problem.
    #[error("{}{source}", path_prefix(path))]
    Solution {
        /// The file, when the text came from one.
        path: Option<PathBuf>,
        /// What is wrong.
        source: SolutionError,
    },
    /// A file refers to something its problem does not have (a job, a
    /// place, a location, a vehicle type), or its lists do not fit it.
    #[error("{}{at}: {message}", path_prefix(path))]
    Reference {
        /// The file, when the text came from one.
        path: Option<PathBuf>,
        /// The entry, in the file's terms (`vehicles[2].on_board[0]`).
        at: String,
        /// What is wrong.
        message: String,
    },
    /// The file uses a field of its format this library does not support
    /// yet (e.g. VROOM's `shipments`): refused rather than ignored.
    #[error("{}{at}: {message}", path_prefix(path))]
    Unsupported {
        /// The file, when the text came from one.
        path: Option<PathBuf>,
        /// The field, in the file's terms (`jobs[3] (id 17).setup`).
        at: String,
        /// What is not supported, and what to do instead.
        message: String,
    },
    /// The file parsed, but describes an invalid problem.
    #[error("{}{}", path_prefix(path), located(origin, source))]
    Model {
        /// The file, when the text came from one.
        path: Option<PathBuf>,
        /// Where the item the error is about was read, in the file's own
        /// terms (its line and identifier), when the reader knows.
        origin: Option<Origin>,
        /// What is wrong (in the model's terms: `job 4` is the fifth job).
        source: ModelError,
    },
}

/// `source`'s message, told in the file's terms when `origin` is known:
/// "line 15: customer 5: demand -3 ..." instead of "job 4: demand -3 ...".
fn located(origin: &Option<Origin>, source: &ModelError) -> String {
    let message = source.to_string();
    let Some(origin) = origin else {
        return message;
    };
    let named = match source.item() {
        Some(item) => message.replacen(&item.to_string(), &origin.label, 1),
        None => format!("{}: {message}", origin.label),
    };
    match origin.line {
        Some(line) => format!("line {line}: {named}"),
        None => named,
    }
}

fn path_prefix(path: &Option<PathBuf>) -> String {
    match path {
        Some(p) => format!("{}: ", p.display()),
        None => String::new(),
    }
}

impl LoadError {
    /// Says where the item a model error is about was read, using
    /// `origin_of` (the reader's map from model items to file positions).
    pub(crate) fn locate(self, origin_of: impl Fn(&ModelError) -> Option<Origin>) -> LoadError {
        match self {
            LoadError::Model {
                path,
                origin: None,
                source,
            } => LoadError::Model {
                path,
                origin: origin_of(&source),
                source,
            },
            other => other,
        }
    }

    /// Attaches a file path to a parse or model error.
    pub(crate) fn with_path(self, file: &std::path::Path) -> LoadError {
        match self {
            LoadError::Parse { source, .. } => LoadError::Parse {
                path: Some(file.to_path_buf()),
                source,
            },
            LoadError::Model { source, origin, .. } => LoadError::Model {
                path: Some(file.to_path_buf()),
                origin,
                source,
            },
            other => other,
        }
    }
}

impl From<ParseError> for LoadError {
    fn from(source: ParseError) -> LoadError {
        LoadError::Parse { path: None, source }
    }
}

impl From<ModelError> for LoadError {
    fn from(source: ModelError) -> LoadError {
        LoadError::Model {
            path: None,
            origin: None,
            source,
        }
    }
}

/// A solution that refers to things the problem does not have.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SolutionError {
    /// A route names a job index the problem does not have.
    #[error("route {route} refers to job {job}, but the problem has {count} jobs")]
    UnknownJob {
        /// Route index.
        route: usize,
        /// The job index used.
        job: usize,
        /// Jobs in the problem.
        count: usize,
    },
    /// A route gives places, but not one per job.
    #[error("route {route} has {jobs} jobs but {places} places")]
    PlacesLength {
        /// Route index.
        route: usize,
        /// Jobs in the route.
        jobs: usize,
        /// Places given.
        places: usize,
    },
    /// A route serves a job at a place the job does not have.
    #[error("route {route} serves job {job} at place {place}, but it has {count} places")]
    UnknownPlace {
        /// Route index.
        route: usize,
        /// The job.
        job: usize,
        /// The place index used.
        place: usize,
        /// Places of the job.
        count: usize,
    },
    /// A route's reloads are not in visiting order, or one comes after
    /// more jobs than the route has.
    #[error(
        "route {route} has a reload after {after} jobs, out of order or beyond its {jobs} jobs"
    )]
    ReloadOutOfOrder {
        /// Route index.
        route: usize,
        /// The reload's `after`.
        after: usize,
        /// Jobs in the route.
        jobs: usize,
    },
    /// A route reloads at a location the problem does not have.
    #[error("route {route} reloads at location {location}, but the problem has {count} locations")]
    UnknownReloadDepot {
        /// Route index.
        route: usize,
        /// The location index used.
        location: usize,
        /// Locations in the problem.
        count: usize,
    },
    /// The unassigned list names a job index the problem does not have.
    #[error("an unassigned entry refers to job {job}, but the problem has {count} jobs")]
    UnknownUnassignedJob {
        /// The job index used.
        job: usize,
        /// Jobs in the problem.
        count: usize,
    },
    /// A `.sol` route names a customer the problem does not have
    /// (customers are numbered after the depots, from 1 with one depot).
    #[error(
        "Route #{route} names customer {customer}, but the problem has customers {first} to {last}"
    )]
    UnknownCustomer {
        /// The route, numbered from 1 as in the file.
        route: usize,
        /// The customer number used.
        customer: usize,
        /// The first customer number (the number of depots).
        first: usize,
        /// The last customer number.
        last: usize,
    },
    /// A `.sol` route visits a depot between customers (a reload), which
    /// the problem's vehicles cannot do.
    #[error("Route #{route} visits depot {depot} between customers, but the problem has no reload depots")]
    DepotInRoute {
        /// The route, numbered from 1 as in the file.
        route: usize,
        /// The depot number used.
        depot: usize,
    },
    /// A `.sol` file serves a customer twice.
    #[error("customer {customer} is served twice, in Route #{first} and Route #{again}")]
    RepeatedCustomer {
        /// The customer number.
        customer: usize,
        /// The route serving it first (from 1).
        first: usize,
        /// The route serving it again (from 1).
        again: usize,
    },
    /// A `.sol` file does not serve a customer of the problem.
    #[error("customer {customer} is in no route")]
    MissingCustomer {
        /// The customer number.
        customer: usize,
    },
    /// A `.sol` file has no `Cost` line.
    #[error("the file has no Cost line")]
    NoCost,
    /// A `.sol` file states a cost of zero or less.
    #[error("the stated cost {claimed} is not above zero")]
    NonPositiveCost {
        /// The cost as stated.
        claimed: f64,
    },
    /// The cost a `.sol` file states is not the distance of its routes.
    #[error("the stated cost {claimed} is not the routes' distance, {recomputed}")]
    CostMismatch {
        /// The cost as stated.
        claimed: f64,
        /// The distance of the file's routes on the problem.
        recomputed: f64,
    },
    /// A route names a vehicle type the problem does not have.
    #[error("route {route} uses vehicle type {vehicle_type}, but the problem has {count} types")]
    UnknownVehicleType {
        /// Route index.
        route: usize,
        /// The type index used.
        vehicle_type: usize,
        /// Types in the problem.
        count: usize,
    },
}

/// An event or a re-plan that does not fit the state of the day (see
/// [`crate::replan`]). The state is left as it was.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ReplanError {
    /// The event names a van the day does not have.
    #[error("vehicle {vehicle} does not exist ({count} vehicles)")]
    UnknownVehicle {
        /// The van named.
        vehicle: usize,
        /// Vans in the day.
        count: usize,
    },
    /// The event names a job the day does not have.
    #[error("job {job} does not exist ({count} jobs)")]
    UnknownJob {
        /// The job named.
        job: usize,
        /// Jobs in the day.
        count: usize,
    },
    /// A spare van of a type the problem does not have.
    #[error("vehicle type {vehicle_type} does not exist ({count} types)")]
    UnknownVehicleType {
        /// The type named.
        vehicle_type: usize,
        /// Types in the problem.
        count: usize,
    },
    /// The event is earlier than the state.
    #[error("event at {at} is earlier than the state's time {now} (internal units)")]
    TimeWentBack {
        /// The event's time.
        at: i64,
        /// The state's time.
        now: i64,
    },
    /// The van is out of service.
    #[error("vehicle {vehicle} is out of service")]
    OutOfService {
        /// The van.
        vehicle: usize,
    },
    /// The van has left the depot already.
    #[error("vehicle {vehicle} has already left the depot")]
    AlreadyDispatched {
        /// The van.
        vehicle: usize,
    },
    /// The job is not open any more (served, failed, cancelled or
    /// stranded).
    #[error("job {job} is {status} already")]
    JobClosed {
        /// The job.
        job: usize,
        /// What became of it.
        status: &'static str,
    },
    /// A visit reported for a job that is not in the van's plan.
    #[error("vehicle {vehicle} reports job {job}, which its plan does not hold")]
    NotPlanned {
        /// The van.
        vehicle: usize,
        /// The job.
        job: usize,
    },
    /// A delivery reported by a van that does not carry its parcel.
    #[error("vehicle {vehicle} delivered job {job} without its parcel on board")]
    NotOnBoard {
        /// The van.
        vehicle: usize,
        /// The job.
        job: usize,
    },
    /// A change to the load of an order whose parcel is on board a van.
    #[error("job {job}: its parcel is on board, its load cannot change")]
    ParcelOnBoard {
        /// The job.
        job: usize,
    },
    /// A new or changed order is not a valid job.
    #[error("order: {0}")]
    Order(#[from] ModelError),
    /// A travel-time event names an unknown travel profile or makes a
    /// factor out of range.
    #[error("travel times: {0}")]
    TravelTimes(ModelError),
}
