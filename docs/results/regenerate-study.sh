#!/usr/bin/env bash
# Runs one sweep spec with the tool (or continues it, when RUN_FOLDER already holds it) and copies what a study ships
# into DEST: report.md, curves.csv, spec.yaml and plots/*.png. Each study's regenerate.sh calls it:
#   bash docs/results/regenerate-study.sh SPEC DEST RUN_FOLDER
set -euo pipefail
cd "$(dirname "$0")/../.."
spec="$1" dest="$2" out="$3"
dotnet run --project src/SweepCluster.Cli -c Release -- run "$spec" --out "$out" --metrics-port 0
mkdir -p "$dest/plots"
cp "$out/report.md" "$out/curves.csv" "$out/spec.yaml" "$dest/"
cp "$out"/plots/*.png "$dest/plots/"
echo "copied report.md, curves.csv, spec.yaml and plots/ of $out into $dest"
