#!/usr/bin/env bash
# Two objectives of --a: a^2 (minimize) and a (maximize), as {"values": [...]}.
while [ $# -gt 0 ]; do case "$1" in --a) a=$2; shift 2 ;; *) shift ;; esac; done
awk -v a="$a" 'BEGIN { printf "{\"values\": [%.6f, %.6f]}\n", a * a, a }'
