#!/usr/bin/env bash
# Build the Linux program folder dist/Duibiao/ and dist/Duibiao-<version>-linux-x86_64.tar.gz.
# Takes a few minutes; then `packaging/smoke_test.sh` checks the result.
set -euo pipefail
cd "$(dirname "$0")/.."
python3.11 -m venv .venv
.venv/bin/python -m pip install -q -e ".[package]"
.venv/bin/python packaging/build.py "$@"
