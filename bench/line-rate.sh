#!/usr/bin/env bash
# Issue 9's line-rate comparison (root): Debian's OpenVPN (UDP, TUN, AES-256-GCM) and ChainLightning
# (AES-256-GCM; 1 and 3 links, FEC off and fixed 10+3) over test-bed links without a useful rate
# limit: TCP goodput (1 flow each way, 4 flows up), UDP packets per second at 1400 bytes, CPU seconds
# per gigabit, goodput relative to OpenVPN, resident memory idle and under load. About 5 minutes
# (10 s warm-up per tunnel: the JIT, and our link estimates climbing to line rate).
# Usage: bench/line-rate.sh [SECONDS per measurement, default 10]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bin/common.sh"
run_testbed_benchmark LineRateBenchmark "$@"
