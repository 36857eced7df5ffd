#!/usr/bin/env bash
# Regenerates this folder from real runs of cluster-config/sweeps/depth-helps-shells.yaml (the built-in radial-shells
# task, 720 trials) and cluster-config/sweeps/depth-helps-fashion-mnist.yaml (400 trials; needs
# 'apt-get install dataset-fashion-mnist'). A folder that already holds a sweep is continued, not rerun:
#   bash docs/results/depth-helps/regenerate.sh [RUNS_FOLDER]     (default runs: runs/depth-helps-shells, runs/depth-helps-fashion-mnist)
set -euo pipefail
here="$(dirname "$0")"
runs="${1:-runs}"
for part in shells fashion-mnist; do
  bash "$here/../regenerate-study.sh" "cluster-config/sweeps/depth-helps-$part.yaml" "docs/results/depth-helps/$part" "$runs/depth-helps-$part"
done
