#!/usr/bin/env bash
# Sleeps one second and prints its trial number as the value.
sleep 1
echo "$ATTUNE_TRIAL_NUMBER"
