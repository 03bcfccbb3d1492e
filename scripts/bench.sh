#!/usr/bin/env bash
# Runs the benchmarks README's Performance section cites and prints, for each
# sdk/raw pair, the sdk:raw ratio of the mean ns/op and allocs/op.
#
#   scripts/bench.sh            # 5 runs of each benchmark
#   COUNT=10 scripts/bench.sh   # more runs
#   BENCH='TenantDetail' scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-5}
BENCH=${BENCH:-'TenantDetail|ParseCallEvent|WebhookHandler|TransactionsAll'}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

echo "go test -run '^\$' -bench '$BENCH' -benchmem -count $COUNT ."
echo "$(go version), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')"
go test -run '^$' -bench "$BENCH" -benchmem -count "$COUNT" . | tee "$out"

echo
echo "== sdk:raw ratios (mean of $COUNT runs)"
awk '
/^Benchmark/ {
	name = $1; sub(/-[0-9]+$/, "", name)
	for (i = 3; i < NF; i++) {
		if ($(i+1) == "ns/op")     { ns[name] += $i; n[name]++ }
		if ($(i+1) == "allocs/op") { al[name] += $i }
	}
}
END {
	for (k in ns) {
		if (k ~ /\/sdk$/) {
			base = k; sub(/\/sdk$/, "", base); raw = base "/raw"
			if (raw in ns) {
				printf "%-32s ns/op %.2fx  allocs/op %.2fx  (sdk %.0f ns, raw %.0f ns)\n", base,
					(ns[k]/n[k]) / (ns[raw]/n[raw]),
					(al[raw] > 0 ? (al[k]/n[k]) / (al[raw]/n[raw]) : 0),
					ns[k]/n[k], ns[raw]/n[raw]
			}
		}
	}
}' "$out"
if command -v benchstat >/dev/null 2>&1; then
	echo; benchstat "$out"
fi
