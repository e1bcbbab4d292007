#!/usr/bin/env bash
# What the metrics cost (root): one TCP flow through the tunnel over one unlimited link, with the
# metrics endpoint off, and on while both ends are scraped every second; alternating runs, medians.
# Usage: bench/metrics-cost.sh [RUNS each, default 3] [SECONDS per flow, default 10]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bin/common.sh"
run_testbed_benchmark MetricsCostBenchmark "$@"
