#!/usr/bin/env bash
# Training end to end, as a user meets it: an expert and a careless session scored by 'dermasim score', each
# saved as a session file whose replay reproduces its scores; the client who should be turned away; the history;
# bad input named and never written to. Usage: training.sh DERMASIM OUT_DIR DATA_DIR
set -euo pipefail
bin=$1; out=$2; data=$3
rm -rf "$out"; mkdir -p "$out"
export XDG_DATA_HOME=$out/xdg  # sessions and history go here, not into the user's folder
fail() { echo "FAIL: $*"; exit 1; }
field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval('d'+sys.argv[2]))" "$@"; }

# The expert: the protocol's needle, 12 lifted passes in every direction, every step answered.
"$bin" score --lesson forehead-fine-lines --device roller --needle-mm 0.5 --passes 12 --pressure 0.5 \
  --answers "$data/answers_expert_forehead.json" --report "$out/expert.json" > "$out/expert.txt"
expert=$(field "$out/expert.json" "['score']['overall']")
python3 -c "import sys; sys.exit(0 if $expert >= 85 else 1)" || fail "expert scored $expert (expected >= 85)"
for c in screening needle_choice numbing coverage_uniformity density directions pressure_consistency depth_safety aftercare; do
  for k in score weight measured tip; do field "$out/expert.json" "['score']['criteria']['$c']['$k']" > /dev/null; done
done

# The careless trainee: 2.5 mm on the eyelid, one direction, heavy pressure, screening skipped.
python3 - "$out/careless_strokes.json" <<'PY'
import json, sys
strokes, t = [], 0.0
for k in range(12):                          # 12 horizontal passes, each a little lower, all pressed hard
    y = 10.0 + (k - 5.5) * 0.15
    strokes.append({"points": [[t, -2.0, y, 0.9], [t + 1.2, 22.0, y, 0.9]]})
    t += 1.7
json.dump({"device": "roller", "needle_mm": 2.5, "pressure": 0.9, "strokes": strokes}, open(sys.argv[1], "w"))
PY
"$bin" score --lesson periorbital-crepey-skin --strokes "$out/careless_strokes.json" \
  --answers "$data/answers_careless_no_screening.json" --report "$out/careless.json" > "$out/careless.txt"
for c in screening needle_choice directions pressure_consistency depth_safety; do
  s=$(field "$out/careless.json" "['score']['criteria']['$c']['score']")
  python3 -c "import sys; sys.exit(0 if $s < 50 else 1)" || fail "careless $c scored $s (expected < 50)"
done
for c in numbing aftercare; do
  s=$(field "$out/careless.json" "['score']['criteria']['$c']['score']")
  python3 -c "import sys; sys.exit(0 if $s >= 75 else 1)" || fail "careless $c scored $s (expected >= 75)"
done
grep -q "warning: Needle too long for the periorbital" "$out/careless.txt" || fail "no needle-too-long warning"
grep -q "warning: Heavy pressure" "$out/careless.txt" || fail "no heavy-pressure warning"

# Replays reproduce the scores, from the session files score saved.
for who in expert careless; do
  session=$(field "$out/$who.json" "['session']")
  [ -f "$session" ] || fail "$who: no session file at $session"
  "$bin" replay "$session" --speed 1000 --report "$out/${who}_replay.json" 2> "$out/${who}_replay.log"
  python3 - "$out/$who.json" "$out/${who}_replay.json" <<'PY' || fail "$who: the replay scored differently"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
assert a["score"] == b["score"], (a["score"], b["score"])
assert a["punctures"] == b["punctures"], "different punctures"
PY
done

# The client who should be turned away, treated anyway: screening fails, the session does not pass.
"$bin" score --lesson client-to-turn-away --device roller --needle-mm 1.0 --passes 12 \
  --answers "$data/answers_turn_away_proceeds.json" --report "$out/turn_away.json" > /dev/null
[ "$(field "$out/turn_away.json" "['score']['criteria']['screening']['score']")" = "0.0" ] || fail "screening did not fail"
[ "$(field "$out/turn_away.json" "['score']['passed']")" = "False" ] || fail "treating a contraindicated client passed"

# No answers file: the steps it answers are skipped.
"$bin" score --lesson forehead-fine-lines --device pen --needle-mm 0.5 --passes 4 --report "$out/skipped.json" > /dev/null
field "$out/skipped.json" "['score']['criteria']['screening']['measured']" | grep -q "^skipped" || fail "no skipped screening"

# The history holds the sessions with a named trainee.
"$bin" history --trainee expert --svg "$out/history.svg" > "$out/history.txt"
grep -q "forehead-fine-lines" "$out/history.txt" || fail "history lacks the expert's session"
grep -q "<polyline" "$out/history.svg" || fail "history plot has no line"
"$bin" history > "$out/history_all.txt"
grep -q "periorbital-crepey-skin" "$out/history_all.txt" || fail "history lacks the careless session"

# Scoring a kept training session again re-scores it: no second copy, no second attempt in the history.
expert_session=$(field "$out/expert.json" "['session']")
kept=$(ls "$XDG_DATA_HOME/dermasim/sessions" | wc -l)
for n in 1 2; do
  "$bin" score --lesson forehead-fine-lines --strokes "$expert_session" --report "$out/rescore.json" > /dev/null 2> "$out/rescore.log"
done
[ "$(field "$out/rescore.json" "['score']['overall']")" = "$expert" ] || fail "the re-score differs from the score"
[ "$(ls "$XDG_DATA_HOME/dermasim/sessions" | wc -l)" = "$kept" ] || fail "a re-score kept another copy of the session"
[ "$("$bin" history --trainee expert | grep -c forehead-fine-lines)" = "1" ] || fail "a re-score counted as another attempt"

# A history that cannot be opened costs the entry, not the report.
mkdir -p "$out/xdg_broken/dermasim"; echo "not a database" > "$out/xdg_broken/dermasim/history.sqlite"
XDG_DATA_HOME=$out/xdg_broken "$bin" score --lesson forehead-fine-lines --device roller --needle-mm 0.5 --passes 12 \
  --answers "$data/answers_expert_forehead.json" --report "$out/no_history.json" > /dev/null 2> "$out/no_history.log" \
  || fail "a broken history failed the score"
[ -f "$out/no_history.json" ] || fail "a broken history lost the report"
grep -q "warning: not added to the history" "$out/no_history.log" || fail "no warning about the history"

# Bad input: one clear message, non-zero exit, and the file left as it was.
expect_error() {  # expect_error TEXT ARGS...
  local text=$1; shift
  if "$bin" "$@" > "$out/err.txt" 2>&1; then fail "accepted: $*"; fi
  grep -qF -- "$text" "$out/err.txt" || { cat "$out/err.txt"; fail "message lacks '$text'"; }
}
head -c 300 "$(field "$out/expert.json" "['session']")" > "$out/truncated.session.json"
sum_before=$(md5sum < "$out/truncated.session.json")
expect_error "not valid JSON, the file may be truncated" score --lesson forehead-fine-lines --strokes "$out/truncated.session.json" --report "$out/x.json"
expect_error "not valid JSON, the file may be truncated" replay "$out/truncated.session.json" --report "$out/x.json"
[ "$(md5sum < "$out/truncated.session.json")" = "$sum_before" ] || fail "the truncated session was written to"
expect_error "unknown lesson 'eyebrows' (known: forehead-fine-lines" score --lesson eyebrows --device roller --needle-mm 0.5 --passes 4 --report "$out/x.json"
expect_error "contraindications[0] 'full_moon' is not one of this lesson's ids" score --lesson client-to-turn-away --device roller --needle-mm 1 --passes 4 --answers "$data/answers_unknown_contraindication.json" --report "$out/x.json"
expect_error "--strokes gives the device" score --lesson forehead-fine-lines --strokes "$out/careless_strokes.json" --needle-mm 1 --report "$out/x.json"
expect_error "give the passes" score --lesson forehead-fine-lines --report "$out/x.json"
expect_error "is a session on the periorbital" score --lesson forehead-fine-lines --strokes "$(field "$out/careless.json" "['session']")" --report "$out/x.json"
expect_error "--trainee 'nobody': no session in the history" history --trainee nobody
echo "ok: expert $expert, careless $(field "$out/careless.json" "['score']['overall']"), replays match, history and bad input"
