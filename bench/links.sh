#!/usr/bin/env bash
# Link benchmark matrix of issue 4 on the namespace test bed (root): per scenario (equal links,
# unequal rates, unequal delays 10/30/60 ms, 2% loss on one link, a link dying, starlink+adsl+lte),
# 1 and 8 TCP flows, upload and download, through the tunnel and over kernel MPTCP on the same
# links: goodput, % of the link sum, p50/p99 latency added under load (64 B and 1400 B pings), and
# the longest receiver stall when a link dies. See docs/BENCHMARKS.md.
# Usage: bench/links.sh [SECONDS per row, default 10] [only scenarios containing TEXT] [CCS, default bbr,cubic] [SYSTEMS, default chainlightning,mptcp]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bin/common.sh"
run_testbed_benchmark LinkBenchmark "$@"
