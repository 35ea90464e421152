#!/usr/bin/env bash
# Regenerate tests/vectors/signing.json with the official Huawei Cloud Python SDK.
# A throwaway venv and HOME (importing the SDK writes $HOME/.huaweicloud/application_id) live in
# a temporary folder that is removed afterwards. Needs python3 with venv, and PyPI.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-"$root/tests/vectors/signing.json"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
mkdir -p "$tmp/home"
HOME="$tmp/home" PYTHONDONTWRITEBYTECODE=1 "$tmp/venv/bin/python" "$here/generate.py" "$out"
