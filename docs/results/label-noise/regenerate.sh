#!/usr/bin/env bash
# Regenerates this folder from a real run of cluster-config/sweeps/label-noise.yaml. A folder that already holds the sweep is
# continued, not rerun:
#   bash docs/results/label-noise/regenerate.sh [RUN_FOLDER]     (default runs/label-noise)
set -euo pipefail
exec bash "$(dirname "$0")/../regenerate-study.sh" cluster-config/sweeps/label-noise.yaml docs/results/label-noise "${1:-runs/label-noise}"
