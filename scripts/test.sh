#!/usr/bin/env bash
# Runs every test: set-up first, then the .NET test projects, then each scripts/test.d/*.sh
# (tests driven from outside .NET, e.g. the Jupyter conformance suite). Ends with one line
# "Tests: N passed, N failed, N skipped".
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
bash scripts/setup.sh || { echo "set-up failed"; echo "Tests: 0 passed, 1 failed"; exit 1; }

results="$REPO_ROOT/out/test-results"
rm -rf "$results"; mkdir -p "$results"
status=0
say "dotnet test"
dotnet test HydroWorkshop.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" --logger "console;verbosity=normal" 2>&1 \
  | grep -vE '^\s*$' | tee "$results/dotnet-test.log" | grep -E '^\s*(Failed|Skipped|Passed!|Failed!|Total tests|error)|\[FAIL\]|\[SKIP\]'
# (No "|| true" here: it used to reset PIPESTATUS, so a failing dotnet test left the exit status at 0.)
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

# Each test.d script counts as its Python unittest totals when it prints them ("Ran N tests", "FAILED (...)",
# "skipped=N"), else as one test that passed or failed.
extra_passed=0; extra_failed=0; extra_skipped=0
for part in scripts/test.d/*.sh; do
  [ -e "$part" ] || continue
  say "test: $(basename "$part")"
  log="$results/$(basename "$part" .sh).log"
  if bash "$part" 2>&1 | tee "$log"; then ok=1; else ok=0; status=1; fi
  read -r ran failed_n skipped_n < <("$DEBIAN_PYTHON" - "$log" <<'PY'
import re, sys
text = open(sys.argv[1], errors="replace").read()
ran = sum(int(n) for n in re.findall(r"^Ran (\d+) tests?", text, re.M))
failed = sum(int(n) for n in re.findall(r"(?:failures|errors)=(\d+)", text))
skipped = sum(int(n) for n in re.findall(r"skipped=(\d+)", text))
print(ran, failed, skipped)
PY
)
  if [ "$ran" -gt 0 ]; then
    extra_passed=$((extra_passed + ran - failed_n - skipped_n)); extra_failed=$((extra_failed + failed_n)); extra_skipped=$((extra_skipped + skipped_n))
    [ "$ok" = 1 ] || [ "$failed_n" -gt 0 ] || extra_failed=$((extra_failed + 1))
  elif [ "$ok" = 1 ]; then extra_passed=$((extra_passed + 1)); else extra_failed=$((extra_failed + 1)); fi
done

# Sum the counts over every test project's .trx file.
read -r passed failed skipped < <("$DEBIAN_PYTHON" - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find(".//{*}Counters")
    if c is None: continue
    passed, failed = int(c.get("passed", 0)), int(c.get("failed", 0)) + int(c.get("error", 0))
    p += passed; f += failed
    # xunit v3's adapter leaves skipped tests out of notExecuted: they are the rest of the total.
    s += max(int(c.get("notExecuted", 0)), int(c.get("total", 0)) - passed - failed)
print(p, f, s)
PY
)
passed=$((passed + extra_passed)); failed=$((failed + extra_failed)); skipped=$((skipped + extra_skipped))
[ "$passed" -gt 0 ] || status=1
[ "$failed" -eq 0 ] || status=1
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit $status
