#!/usr/bin/env bash
# Sleeps SLEEP seconds (default 30), then prints 1.
sleep "${SLEEP:-30}"
echo 1
