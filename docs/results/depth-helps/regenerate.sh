#!/usr/bin/env bash
# Regenerates this folder from real runs of cluster-config/sweeps/depth-helps-shells.yaml (the built-in radial-shells
# task, 720 trials) and cluster-config/sweeps/depth-helps-fashion-mnist.yaml (400 trials; needs
# 'apt-get install dataset-fashion-mnist'). A folder that already holds a sweep is continued, not rerun:
#   bash docs/results/depth-helps/regenerate.sh [RUNS_FOLDER]     (default runs: runs/depth-helps-shells, runs/depth-helps-fashion-mnist)
set -euo pipefail
cd "$(dirname "$0")/../../.."
runs="${1:-runs}"
for part in shells fashion-mnist; do
  out="$runs/depth-helps-$part"
  dest="docs/results/depth-helps/$part"
  dotnet run --project src/SweepCluster.Cli -c Release -- run "cluster-config/sweeps/depth-helps-$part.yaml" --out "$out" --metrics-port 0
  mkdir -p "$dest/plots"
  cp "$out/report.md" "$out/curves.csv" "$out/spec.yaml" "$dest/"
  cp "$out"/plots/*.png "$dest/plots/"
  echo "copied report.md, curves.csv, spec.yaml and plots/ of $out into $dest"
done
