#!/usr/bin/env bash
# Runs a command and checks how it ends: expect.sh EXIT_CODE "TEXT" COMMAND...
# Passes when the exit code matches, TEXT appears in its output, and it did not crash (no signal).
set -u
want_code=$1; want_text=$2; shift 2
out=$("$@" 2>&1); code=$?
if [ "$code" -ge 128 ]; then echo "crashed with signal $((code - 128)):"; echo "$out"; exit 1; fi
if [ "$code" -ne "$want_code" ]; then echo "exit code $code, expected $want_code:"; echo "$out"; exit 1; fi
if ! grep -qF -- "$want_text" <<<"$out"; then echo "output lacks '$want_text':"; echo "$out"; exit 1; fi
if grep -q "validation message" <<<"$out"; then echo "Vulkan validation messages:"; echo "$out"; exit 1; fi
echo "ok: exit $code, output has '$want_text'"
