#!/usr/bin/env bash
# Regenerates this folder from a real run of cluster-config/sweeps/label-noise.yaml. A folder that already holds the sweep is
# continued, not rerun:
#   bash docs/results/label-noise/regenerate.sh [RUN_FOLDER]     (default runs/label-noise)
set -euo pipefail
cd "$(dirname "$0")/../../.."
out="${1:-runs/label-noise}"
dest=docs/results/label-noise
dotnet run --project src/SweepCluster.Cli -c Release -- run cluster-config/sweeps/label-noise.yaml --out "$out" --metrics-port 0
cp "$out/report.md" "$out/curves.csv" "$out/spec.yaml" "$dest/"
mkdir -p "$dest/plots"
cp "$out"/plots/*.png "$dest/plots/"
echo "copied report.md, curves.csv, spec.yaml and plots/ of $out into $dest"
