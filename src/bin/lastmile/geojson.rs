//! A plan as GeoJSON (RFC 7946): a FeatureCollection with one LineString
//! per route (depot, stops in order, depot), one Point per stop (job index,
//! route, position, arrival, service start, load on board when leaving),
//! a Point per depot (of every vehicle type) and per unassigned job (with its reason). Positions are
//! the problem's own coordinates, `[x, y]`: longitude and latitude when the
//! problem was given in them.

use crate::files::{depots, position};
use lastmile::{LocationId, Problem, Solution};
use serde_json::{json, Value};

/// The plan as a GeoJSON text, or an error when a location it needs has no
/// coordinates.
pub fn plan_geojson(problem: &Problem, solution: &Solution) -> Result<String, String> {
    let at = |location: LocationId| -> Result<Value, String> {
        let (x, y) = position(problem, location)?;
        Ok(json!([x, y]))
    };
    let time = |t: lastmile::Duration| problem.to_instance_units(t.get());
    let mut features = Vec::new();
    for (index, route) in solution.routes().iter().enumerate() {
        let vehicle = problem.vehicle_type(route.vehicle_type);
        let mut line = vec![at(vehicle.start_depot)?];
        for (position, stop) in route.stops.iter().enumerate() {
            line.push(at(stop.location)?);
            features.push(json!({
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": at(stop.location)? },
                "properties": {
                    "kind": "stop",
                    "job": stop.job.0,
                    "route": index + 1,
                    "position": position + 1,
                    "place": stop.place,
                    "arrival": time(stop.arrival),
                    "service_start": time(stop.service_start),
                    "departure": time(stop.departure),
                    "load": (0..problem.dimensions()).map(|d| stop.load.get(d)).collect::<Vec<_>>(),
                },
            }));
        }
        if !vehicle.open_end {
            line.push(at(vehicle.end_depot)?);
        }
        if line.len() == 1 {
            // (A LineString needs two positions: an open route of one
            // stop still has them; this guards a route without stops.)
            line.push(line[0].clone());
        }
        features.push(json!({
            "type": "Feature",
            "geometry": { "type": "LineString", "coordinates": line },
            "properties": {
                "kind": "route",
                "route": index + 1,
                "vehicle_type": route.vehicle_type.0,
                "stops": route.stops.len(),
                "distance": problem.to_instance_units(route.distance.get()),
                "start": time(route.depot_departure),
                "end": time(route.depot_arrival),
            },
        }));
    }
    for depot in depots(problem) {
        features.push(json!({
            "type": "Feature",
            "geometry": { "type": "Point", "coordinates": at(depot)? },
            "properties": { "kind": "depot", "location": depot.0 },
        }));
    }
    for left in solution.unassigned() {
        features.push(json!({
            "type": "Feature",
            "geometry": { "type": "Point", "coordinates": at(problem.job(left.job).location)? },
            "properties": {
                "kind": "unassigned",
                "job": left.job.0,
                "reason": format!("{:?}", left.reason),
            },
        }));
    }
    let collection = json!({ "type": "FeatureCollection", "features": features });
    Ok(serde_json::to_string(&collection).expect("plain values"))
}
