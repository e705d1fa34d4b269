#!/usr/bin/env bash
# A trial program for 'attune run' tests: value (x-1)^2, reported as intermediate values value + 10/(step+1) for
# --steps steps, PAUSE seconds apart. It starts a background child (its pid in MARKER_DIR/child-N.pid) to check
# that a pruned trial's whole process tree is killed, and touches MARKER_DIR/done-N when it gets to the end.
steps=5
while [ $# -gt 0 ]; do
  case "$1" in
    --x) x=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    *) shift ;;
  esac
done
marker="${MARKER_DIR:-.}"
sleep 60 &
echo $! > "$marker/child-$ATTUNE_TRIAL_NUMBER.pid"
for ((s = 0; s < steps; s++)); do
  awk -v x="$x" -v s="$s" 'BEGIN { printf "{\"step\": %d, \"value\": %.6f}\n", s, (x - 1) ^ 2 + 10 / (s + 1) }'
  sleep "${PAUSE:-0.2}"
done
touch "$marker/done-$ATTUNE_TRIAL_NUMBER"
kill %1 2>/dev/null
awk -v x="$x" 'BEGIN { printf "final loss: %.6f\n", (x - 1) ^ 2 }'
