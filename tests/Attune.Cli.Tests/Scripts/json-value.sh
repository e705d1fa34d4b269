#!/usr/bin/env bash
# Echoes its parameters (from ATTUNE_PARAMS) to standard error and reports {"value": …} computed from --a.
while [ $# -gt 0 ]; do case "$1" in --a) a=$2; shift 2 ;; *) shift ;; esac; done
echo "params: $ATTUNE_PARAMS" >&2
echo "a noisy line with numbers 1 2 3"
awk -v a="$a" 'BEGIN { printf "{\"value\": %.6f}\n", a * 2 }'
