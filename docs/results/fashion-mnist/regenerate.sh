#!/usr/bin/env bash
# Regenerates this folder from a real run of cluster-config/sweeps/paper-fashion-mnist.yaml (needs
# 'apt-get install dataset-fashion-mnist'). A folder that already holds the sweep is continued, not rerun:
#   bash docs/results/fashion-mnist/regenerate.sh [RUN_FOLDER]     (default runs/paper-fashion-mnist)
set -euo pipefail
exec bash "$(dirname "$0")/../regenerate-study.sh" cluster-config/sweeps/paper-fashion-mnist.yaml docs/results/fashion-mnist "${1:-runs/paper-fashion-mnist}"
