#!/usr/bin/env bash
while [ $# -gt 0 ]; do case "$1" in --x) x=$2; shift 2;; --n) n=$2; shift 2;; --kind) kind=$2; shift 2;; *) shift;; esac; done
for step in 0 1 2; do awk -v x="$x" -v n="$n" -v s="$step" 'BEGIN { printf "{\"step\": %d, \"value\": %.4f}\n", s, (x-1)^2 + n + 3/(s+1) }'; done
awk -v x="$x" -v n="$n" -v k="$kind" 'BEGIN { v = (x-1)^2 + n; if (k == "b") v += 0.5; printf "%.4f\n", v }'
