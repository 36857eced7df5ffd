#!/usr/bin/env bash
# Regenerates this folder from a real run of cluster-config/sweeps/sample-size.yaml. A folder that already holds the sweep is
# continued, not rerun:
#   bash docs/results/sample-size/regenerate.sh [RUN_FOLDER]     (default runs/sample-size)
set -euo pipefail
cd "$(dirname "$0")/../../.."
out="${1:-runs/sample-size}"
dest=docs/results/sample-size
dotnet run --project src/SweepCluster.Cli -c Release -- run cluster-config/sweeps/sample-size.yaml --out "$out" --metrics-port 0
cp "$out/report.md" "$out/curves.csv" "$out/spec.yaml" "$dest/"
mkdir -p "$dest/plots"
cp "$out"/plots/*.png "$dest/plots/"
echo "copied report.md, curves.csv, spec.yaml and plots/ of $out into $dest"
