#!/usr/bin/env bash
# Regenerates this folder from a real run of cluster-config/sweeps/cmi-depth.yaml (21,600 trainings on the built-in
# synthetic data, about 8 min on 2 cores). A folder that already holds the sweep is continued, not rerun:
#   bash docs/results/cmi-depth/regenerate.sh [RUN_FOLDER]     (default runs/cmi-depth)
set -euo pipefail
cd "$(dirname "$0")/../../.."
out="${1:-runs/cmi-depth}"
dest=docs/results/cmi-depth
dotnet run --project src/SweepCluster.Cli -c Release -- run cluster-config/sweeps/cmi-depth.yaml --out "$out" --metrics-port 0
cp "$out/report.md" "$out/curves.csv" "$out/spec.yaml" "$dest/"
mkdir -p "$dest/plots"
cp "$out"/plots/*.png "$dest/plots/"
echo "copied report.md, curves.csv, spec.yaml and plots/ of $out into $dest"
