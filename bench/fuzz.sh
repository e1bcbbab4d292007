#!/usr/bin/env bash
# Long hostile-input fuzz run of issue 5 on the namespace test bed (root): COUNT random, replayed
# and mutated datagrams (mutations of packets captured from the real tunnel) at the server's ports
# from the wan namespace while a UDP flow runs through the tunnel, then a table: sent per kind,
# server drops per reason, kernel drops, packets at the server's TUN, the flow's loss, whether the
# server survived. Exits 1 when a target was missed. See docs/FUZZING.md.
# Usage: bench/fuzz.sh [COUNT, default 5000000] [flow SECONDS, default: as long as the fuzzing]
#                      [RATE per second, default 20000] [SEED, default 1] [flow MBIT, default 10] [upload|download]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bin/common.sh"
run_testbed_benchmark FuzzBenchmark "$@"
