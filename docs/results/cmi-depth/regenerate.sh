#!/usr/bin/env bash
# Regenerates this folder from a real run of cluster-config/sweeps/cmi-depth.yaml (21,600 trainings on the built-in
# synthetic data, about 8 min on 2 cores). A folder that already holds the sweep is continued, not rerun:
#   bash docs/results/cmi-depth/regenerate.sh [RUN_FOLDER]     (default runs/cmi-depth)
set -euo pipefail
exec bash "$(dirname "$0")/../regenerate-study.sh" cluster-config/sweeps/cmi-depth.yaml docs/results/cmi-depth "${1:-runs/cmi-depth}"
