#!/usr/bin/env bash
# Regenerates this folder from a real run of cluster-config/sweeps/sample-size.yaml. A folder that already holds the sweep is
# continued, not rerun:
#   bash docs/results/sample-size/regenerate.sh [RUN_FOLDER]     (default runs/sample-size)
set -euo pipefail
exec bash "$(dirname "$0")/../regenerate-study.sh" cluster-config/sweeps/sample-size.yaml docs/results/sample-size "${1:-runs/sample-size}"
