#!/usr/bin/env bash
# FEC benchmark on the namespace test bed (root): inner vs outer loss of a 20 Mbit/s UDP stream
# for FEC off, fixed and adaptive at 1%, 3% and 10% random loss on every link, the parity
# overhead, and single-flow TCP (cubic) goodput with and without FEC.
# Usage: bench/fec-loss.sh [SECONDS per run, default 8] [udp|tcp|all, default all]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bin/common.sh"
run_testbed_benchmark FecBenchmark "$@"
