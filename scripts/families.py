#!/usr/bin/env python3
"""Side-by-side runs of lastmile and PyVRP on the last-mile families of
PyVRP/Instances (HFVRP, MDVRPTW, PCVRPTW, VRPB), every answer scored by the
library's own evaluator and checker (`examples/family_score`), never by the
solver's claim.

  scripts/families.py --instances PATH/TO/PyVRP-Instances --family HFVRP
      [--sample 10] [--time auto|SECONDS] [--seed 1] [--out results.csv]

For each sampled instance (evenly spread over the sizes), lastmile
(`target/release/examples/solomon`, one thread) and PyVRP's command line
(`$PEERS_PY`'s `pyvrp`, with the family's rounding) run at the same time, one
core each, with the same budget: `auto` is 30 s up to 300 clients and 60 s
above. Both answers and the best-known solution are scored the same way;
gaps are to the best-known solution. Prints a Markdown table and the mean
gap of each solver.

Build first: cargo build --release --examples
Peers: python3 -m venv peers && peers/bin/pip install pyvrp; PEERS_PY=peers/bin/python
"""
import argparse
import csv
import os
import re
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOLVER = os.path.join(ROOT, "target/release/examples/solomon")
SCORE = os.path.join(ROOT, "target/release/examples/family_score")
ROUNDING = {"HFVRP": "exact", "MDVRPTW": "exact", "PCVRPTW": "dimacs", "VRPB": "round",
            "MTVRPTWR": "dimacs"}


def dimension(path):
    with open(path) as fh:
        for line in fh:
            m = re.match(r"\s*DIMENSION\s*:\s*(\d+)", line)
            if m:
                return int(m.group(1))
    raise SystemExit(f"{path}: no DIMENSION")


def depots(path):
    """The number of depots: DEPOT_SECTION's rows up to -1 or the next keyword."""
    count, inside = 0, False
    with open(path) as fh:
        for line in fh:
            token = line.strip()
            if token.startswith("DEPOT_SECTION"):
                inside = True
            elif inside:
                if not token or token == "-1" or not token.lstrip("-").isdigit():
                    break
                count += 1
    return max(count, 1)


def sample(folder, count):
    files = sorted(f for f in os.listdir(folder) if f.endswith(".vrp"))
    files.sort(key=lambda f: (dimension(os.path.join(folder, f)), f))
    if len(files) <= count:
        return files
    step = (len(files) - 1) / (count - 1)
    return [files[round(i * step)] for i in range(count)]


def score(instance, sol):
    out = subprocess.run([SCORE, instance, sol], capture_output=True, text=True)
    line = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr.strip()
    parts = line.split()
    feasible = len(parts) > 1 and parts[1] == "feasible"
    try:
        value = int(parts[-1])
    except (ValueError, IndexError):
        value = None
    return feasible, value, line


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--instances", required=True, help="a checkout of PyVRP/Instances")
    ap.add_argument("--family", required=True, choices=sorted(ROUNDING))
    ap.add_argument("--sample", type=int, default=10)
    ap.add_argument("--time", default="auto")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out")
    args = ap.parse_args()
    py = os.environ.get("PEERS_PY", sys.executable)
    pyvrp = os.path.join(os.path.dirname(py), "pyvrp")
    folder = os.path.join(args.instances, args.family)
    rows = []
    work = tempfile.mkdtemp(prefix="families-")
    for name in sample(folder, args.sample):
        instance = os.path.join(folder, name)
        clients = dimension(instance) - depots(instance)
        budget = (30 if clients <= 300 else 60) if args.time == "auto" else float(args.time)
        stem = name[:-4]
        ours = os.path.join(work, stem + ".lastmile.sol")
        peer_dir = os.path.join(work, "pyvrp")
        os.makedirs(peer_dir, exist_ok=True)
        a = subprocess.Popen([SOLVER, instance, "--time", str(budget), "--seed", str(args.seed),
                              "--threads", "1", "--out", ours],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        b = subprocess.Popen([pyvrp, instance, "--round_func", ROUNDING[args.family],
                              "--seed", str(args.seed), "--max_runtime", str(budget),
                              "--sol_dir", peer_dir],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        a.wait()
        b.wait()
        peer = os.path.join(peer_dir, stem + ".sol")
        best_ok, best, best_line = score(instance, os.path.join(folder, stem + ".sol"))
        row = {"instance": stem, "clients": clients, "time": budget, "best_known": best}
        for solver, sol in (("lastmile", ours), ("pyvrp", peer)):
            ok, value, line = score(instance, sol) if os.path.exists(sol) else (False, None, "no answer")
            row[solver] = value if ok else None
            row[solver + "_gap"] = (100.0 * (value - best) / best) if ok and best_ok else None
            if not ok:
                print(f"  {stem} {solver}: {line}", file=sys.stderr)
        rows.append(row)
        fmt = lambda g: "-" if g is None else f"{g:.2f}%"
        print(f"{stem:24} n={clients:5} {budget:4.0f}s  lastmile {fmt(row['lastmile_gap'])}  "
              f"pyvrp {fmt(row['pyvrp_gap'])}", flush=True)
    if args.out:
        with open(args.out, "w", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    print(f"\n| {args.family} instance | clients | budget | best known | lastmile gap | PyVRP gap |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        fmt = lambda g: "infeasible" if g is None else f"{g:.2f}%"
        print(f"| {r['instance']} | {r['clients']} | {r['time']:.0f} s | {r['best_known']} | "
              f"{fmt(r['lastmile_gap'])} | {fmt(r['pyvrp_gap'])} |")
    for solver in ("lastmile", "pyvrp"):
        gaps = [r[solver + "_gap"] for r in rows]
        ok = [g for g in gaps if g is not None]
        mean = statistics.mean(ok) if ok else float("nan")
        print(f"{solver}: mean gap {mean:.3f}% over {len(ok)} feasible of {len(gaps)}")


if __name__ == "__main__":
    main()
