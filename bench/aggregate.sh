#!/usr/bin/env bash
# Aggregation benchmark on the namespace test bed (root): single-flow TCP goodput through the
# tunnel over 3 links of 20/30/50 Mbit/s, each direction, BBR and CUBIC, and the RTT the tunnel
# adds at idle, on equal and on emulated unequal links (10/30/60 ms one way), with rates given and
# measured. Usage: bench/aggregate.sh [RUNS, default 3] [SECONDS per run, default 10] [only scenarios containing TEXT] [bbr|cubic] [upload|download]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bin/common.sh"
run_testbed_benchmark AggregateBenchmark "$@"
