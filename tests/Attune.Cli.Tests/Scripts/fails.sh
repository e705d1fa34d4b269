#!/usr/bin/env bash
# Fails: a message on standard error and exit code 3.
echo "starting"
echo "boom: the model diverged" >&2
exit 3
