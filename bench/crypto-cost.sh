#!/usr/bin/env bash
# What encryption costs (root): one TCP flow through the tunnel each way over one link with no
# useful rate limit, for AES-256-GCM and ChaCha20-Poly1305, with the CPU both tunnel processes
# used. Usage: bench/crypto-cost.sh [SECONDS per flow, default 10]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bin/common.sh"
run_testbed_benchmark CryptoCostBenchmark "$@"
