#!/usr/bin/env bash
# Autobahn|Testsuite case 7 (Close handling) against every echo server of tests/autobahn/servers/
# (one file per stack: wslay.sh for examples/c-wslay, ...), whose Close decisions come from
# libwsclose. Builds each server against the libwsclose installed in build/prefix
# (make ffi-install-local), starts them all on free loopback ports, runs one
#   wstest -m fuzzingclient -s fuzzingclient.json     ("cases": ["7.*"], one entry per server)
# and fails unless every server passes all 37 cases as OK or INFORMATIONAL (behavior and close
# behavior) and exits 0 on SIGTERM.
# Everything it writes goes to build/autobahn/ (reports: build/autobahn/reports/servers/;
# build/autobahn/summary-AGENT.md holds each server's table for docs/autobahn.md).
# Usage: tests/autobahn/run.sh [AGENT...]     (default: every tests/autobahn/servers/*.sh;
#        make test-autobahn AUTOBAHN_SERVERS="wslay" picks some; make test-autobahn runs the setup)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/build/autobahn"
venv="$out/venv27"
cases='7.*'
expected_cases=37
export PKG_CONFIG_PATH="$root/build/prefix/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"

agents=("$@")
if [[ ${#agents[@]} == 0 ]]; then
  for f in "$root"/tests/autobahn/servers/*.sh; do agents+=("$(basename "$f" .sh)"); done
fi
for a in "${agents[@]}"; do
  [[ -x "$root/tests/autobahn/servers/$a.sh" ]] || { echo "autobahn: no server tests/autobahn/servers/$a.sh" >&2; exit 2; }
done
[[ -x "$venv/bin/wstest" ]] || { echo "autobahn: $venv/bin/wstest is missing: run make setup-autobahn" >&2; exit 1; }
[[ -f "$root/build/prefix/lib/pkgconfig/wsclose.pc" ]] || { echo "autobahn: no libwsclose in build/prefix: run make ffi-install-local" >&2; exit 1; }
mkdir -p "$out"

t=$(date +%s%N)
stage() { # stage NAME: prints how long the stage since the previous call took
  local now ms; now=$(date +%s%N); ms=$(( (now - t) / 1000000 ))
  printf '[time] autobahn %s: %d.%03d s\n' "$1" $((ms / 1000)) $((ms % 1000))
  t=$now
}

# 1. Build each example with its own build files, as a user of the installed library would.
for a in "${agents[@]}"; do
  mkdir -p "$out/$a"
  "$root/tests/autobahn/servers/$a.sh" build "$out/$a"
  stage "build $a"
done

# 2. Start them, each on a free port (each binds 127.0.0.1:0 and prints the port).
declare -A pids=() ports=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
servers_json=
for a in "${agents[@]}"; do
  "$root/tests/autobahn/servers/$a.sh" run "$out/$a" >"$out/$a/server.out" 2>"$out/$a/server.log" &
  pids[$a]=$!
  port=
  for _ in $(seq 200); do
    port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$out/$a/server.out")
    [[ -n $port ]] && break
    kill -0 "${pids[$a]}" 2>/dev/null || { cat "$out/$a/server.log" >&2; echo "autobahn: the $a server did not start" >&2; exit 1; }
    sleep 0.05
  done
  [[ -n $port ]] || { echo "autobahn: the $a server printed no port" >&2; exit 1; }
  ports[$a]=$port
  echo "autobahn: $a: $(head -1 "$out/$a/server.out")"
  servers_json+="${servers_json:+, }{\"agent\": \"$a\", \"url\": \"ws://127.0.0.1:$port\"}"
done
stage "server start"

# 3. The fuzzing client: every server, case 7 only.
rm -rf "$out/reports"
cat >"$out/fuzzingclient.json" <<JSON
{
  "outdir": "./reports/servers",
  "servers": [$servers_json],
  "cases": ["$cases"],
  "exclude-cases": [],
  "exclude-agent-cases": {}
}
JSON
(cd "$out" && PYTHONWARNINGS=ignore timeout 900 "$venv/bin/wstest" -m fuzzingclient -s fuzzingclient.json) \
  >"$out/wstest.log" 2>&1 || { tail -30 "$out/wstest.log" >&2; echo "autobahn: wstest failed (log: $out/wstest.log)" >&2; exit 1; }
stage "wstest (cases $cases, ${#agents[@]} servers)"

# 4. Each server must stop cleanly on SIGTERM.
for a in "${agents[@]}"; do
  kill -TERM "${pids[$a]}"
  rc=0; wait "${pids[$a]}" || rc=$?
  unset "pids[$a]"
  [[ $rc == 0 ]] || { tail -20 "$out/$a/server.log" >&2; echo "autobahn: the $a server exited with $rc on SIGTERM" >&2; exit 1; }
done
stage "server stop (SIGTERM)"

# 5. The verdict, from reports/servers/index.json.
python3 - "$out/reports/servers/index.json" "$expected_cases" "${agents[@]}" <<'PY'
import html, json, os, re, sys
path, expected, agents = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
outdir = os.path.dirname(path)
report = json.load(open(path))
if sorted(report) != sorted(agents):
    sys.exit(f"autobahn: agents in {path} are {sorted(report)}, expected {sorted(agents)}")
def key(case):
    return tuple(int(p) for p in case.split("."))
good = {"OK", "INFORMATIONAL"}
bad = []
for agent in agents:
    results = report[agent]
    print(f"== {agent}")
    print(f"{'case':<8} {'behavior':<14} {'close':<14} {'remote code':>11} {'ms':>5}")
    failed = []
    for case in sorted(results, key=key):
        r = results[case]
        code = r.get("remoteCloseCode")
        print(f"{case:<8} {r['behavior']:<14} {r['behaviorClose']:<14} {str(code):>11} {r.get('duration', 0):>5}")
        if r["behavior"] not in good or r["behaviorClose"] not in good:
            failed.append(case)
    # The same table in Markdown, with each case's description, for docs/autobahn.md.
    with open(os.path.join(outdir, "..", "..", f"summary-{agent}.md"), "w") as md:
        md.write("| case | what the client does | behavior | close behavior | server's close code |\n")
        md.write("|---|---|---|---|---:|\n")
        for case in sorted(results, key=key):
            r = results[case]
            with open(os.path.join(outdir, r["reportfile"])) as f:
                desc = json.load(f)["description"]
            desc = html.unescape(re.sub(r"<[^>]+>", "", desc)).replace("\n", " ").strip()
            code = r.get("remoteCloseCode")
            md.write(f"| {case} | {desc} | {r['behavior']} | {r['behaviorClose']} | "
                     f"{'(empty Close)' if code is None else code} |\n")
    counts = {}
    for r in results.values():
        counts[r["behavior"]] = counts.get(r["behavior"], 0) + 1
    print("behaviors:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    if len(results) != expected:
        bad.append(f"{agent}: {len(results)} cases ran, expected {expected}")
    print(f"autobahn: {agent}: {len(results) - len(failed)} passed, {len(failed)} failed")
    if failed:
        bad.append(f"{agent}: not OK/INFORMATIONAL: " + " ".join(failed))
if bad:
    sys.exit("autobahn: " + "; ".join(bad) + f" (see {outdir})")
print(f"autobahn: {len(agents)} servers, {expected} cases each, all OK or INFORMATIONAL")
PY
stage verdict
