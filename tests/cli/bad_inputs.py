#!/usr/bin/env python3
"""The bad-input suite (issue 13): hostile files and flags sent to every subcommand and loader.

Usage: bad_inputs.py DERMASIM WORKDIR

Every input must get, from the dermasim binary:
  - a non-zero exit within seconds (no crash: a signal is a failure; no hang: 30 s is a failure),
  - one clear message on stderr naming the file (or flag) and the problem, and nothing a user cannot act on
    ("std::bad_alloc", "basic_filebuf", "unexpected error", "Success", a sanitizer report),
  - bounded memory (the address space is limited with RLIMIT_AS; the peak resident size is checked too),
  - no file replaced or lost: every output the run names already exists with known bytes and must be unchanged,
    with no temporary file left beside it.
Prints each input's result and the count; exits 1 if any input failed.
"""
import os
import random
import resource
import shutil
import subprocess
import sys
import time

DERMASIM, WORK = sys.argv[1], sys.argv[2]
SOURCE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ASSETS = os.path.join(SOURCE, "assets")
DATA = os.path.join(SOURCE, "tests", "data")
TIME_LIMIT_S = 30
ADDRESS_LIMIT = 8 << 30       # lavapipe and LLVM reserve address space; a runaway input wants far more
RSS_LIMIT_KB = 1536 * 1024    # what an input may actually use at its peak
FORBIDDEN = ["std::", "bad_alloc", "basic_filebuf", "unexpected error", "Success", "AddressSanitizer",
             "runtime error:", "terminate called", "Segmentation", "core dumped"]
SANITIZED = "ASAN_OPTIONS" in os.environ  # ASan reserves terabytes of shadow: no address limit there

shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
OUT = os.path.join(WORK, "out")  # the outputs every run names; each holds bytes that must survive
os.makedirs(OUT)
rng = random.Random(13)


def path(name):
    return os.path.join(WORK, name)


def write(name, data):
    p = path(name)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    return p


def read(p):
    with open(p, "rb") as f:
        return f.read()


def sparse(name, size):
    p = write(name, b"{")
    os.truncate(p, size)
    return p


def sentinel(name):
    p = os.path.join(OUT, name)
    with open(p, "wb") as f:
        f.write(b"an earlier result that must survive: " + name.encode())
    return p


REPORT, IMAGE, CURVES = sentinel("report.json"), sentinel("image.png"), sentinel("curves.csv")
FRAMES = os.path.join(OUT, "frames")
os.makedirs(FRAMES)


def limit_memory():
    if not SANITIZED:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_LIMIT, ADDRESS_LIMIT))


results = []


def case(name, args, expect, env=None):
    """One input: args to dermasim; expect: substrings the message must hold (the file or flag, the problem)."""
    before = {f: read(os.path.join(OUT, f)) for f in os.listdir(OUT) if os.path.isfile(os.path.join(OUT, f))}
    start = time.monotonic()
    full_env = dict(os.environ, **(env or {}))
    proc = subprocess.Popen([DERMASIM] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=full_env,
                            preexec_fn=limit_memory)
    try:
        out, err = proc.communicate(timeout=TIME_LIMIT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        results.append((name, False, "hung: no answer in %d s" % TIME_LIMIT_S))
        return
    seconds = time.monotonic() - start
    rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far
    text = err.decode(errors="replace")
    problems = []
    if proc.returncode <= 0:
        problems.append("exit %d (expected a non-zero exit, not a signal)" % proc.returncode)
    for want in expect:
        if want not in text:
            problems.append("message lacks %r" % want)
    for bad in FORBIDDEN:
        if bad in text:
            problems.append("message holds %r" % bad)
    if rss_kb > RSS_LIMIT_KB:
        problems.append("peak memory %d MB" % (rss_kb // 1024))
    after = {f: read(os.path.join(OUT, f)) for f in os.listdir(OUT) if os.path.isfile(os.path.join(OUT, f))}
    for f, data in before.items():
        if after.get(f) != data:
            problems.append("%s was replaced or lost" % f)
    for f in after:
        if f not in before:
            problems.append("left %s behind" % f)
    if os.listdir(FRAMES):
        problems.append("wrote frames")
    message = text.strip().splitlines()[-1] if text.strip() else "(no message)"
    results.append((name, not problems, "; ".join(problems) if problems else "%.1f s: %s" % (seconds, message)))


# --- the files: every kind of damage, for every loader ---------------------------------------------------------
def damaged(stem, good):
    """name -> (bytes or a sparse size, what the message must say)."""
    nested = "[" * 100000 + "]" * 100000
    return {
        "truncated": (good[: len(good) // 2], "not valid JSON"),
        "binary": (bytes(rng.randrange(256) for _ in range(4096)), "not valid JSON"),
        "empty": (b"", "not valid JSON"),
        "nested": (nested.encode(), "nested more than 64 levels deep"),
        "wrong_type": (b'{"schema_version": "one", "regions": 7, "strokes": {}, "needle": []}', ""),
        "not_an_object": (b"[1, 2, 3]", ""),
        "oversized": (200 << 20, "bytes allowed"),
    }


def make_file(name, content):
    return sparse(name, content) if isinstance(content, int) else write(name, content)


session_good = read(os.path.join(DATA, "session_forehead.json"))
strokes_good = read(os.path.join(DATA, "strokes_pen.json"))
sim = ["simulate", "--region", "cheek", "--quality", "ci", "--cpu", "--report", REPORT]

for kind, (content, problem) in damaged("session", session_good).items():
    f = make_file("session_%s.json" % kind, content)
    case("replay a %s session" % kind, ["replay", f, "--report", REPORT], [os.path.basename(f), problem])
for kind, (content, problem) in damaged("strokes", strokes_good).items():
    f = make_file("strokes_%s.json" % kind, content)
    case("simulate --strokes %s" % kind, sim + ["--strokes", f, "--image", IMAGE], [os.path.basename(f), problem])
folder = os.path.join(WORK, "a_folder")
os.makedirs(folder)
case("replay a folder", ["replay", folder, "--report", REPORT], [folder, "is a folder"])
case("simulate --strokes a folder", sim + ["--strokes", folder], [folder, "is a folder"])
case("replay a missing file", ["replay", path("absent.json"), "--report", REPORT], ["absent.json", "cannot open"])

# An output named over the input it is made from (the recorded session replaced by its report), or over another.
KEPT = os.path.join(OUT, "kept.session.json")
shutil.copyfile(os.path.join(DATA, "session_forehead.json"), KEPT)
SAME = os.path.join(OUT, ".", "kept.session.json")
case("replay's report over its session", ["replay", KEPT, "--report", SAME], ["--report", "is the same file as the session"])
case("simulate's report over its strokes", ["simulate", "--strokes", KEPT, "--report", SAME],
     ["--report", "is the same file as --strokes"])
case("simulate's curves over its report", ["simulate", "--days", "1", "--report", REPORT, "--curves", REPORT],
     ["--curves", "is the same file as --report"])
case("score's report over its answers", ["score", "--lesson", "forehead-fine-lines", "--device", "roller", "--needle-mm",
                                         "0.5", "--passes", "4", "--answers", KEPT, "--report", KEPT],
     ["--report", "is the same file as --answers"])
# Flags that would be read and then not used.
case("simulate --pressure with --strokes", ["simulate", "--strokes", KEPT, "--pressure", "0.9", "--report", REPORT],
     ["--pressure", "--strokes gives"])
case("simulate --sessions without --days", ["simulate", "--sessions", "3", "--report", REPORT], ["--sessions", "needs --days"])

# Values that parse but mean nonsense, in a session and in a stroke script.
def session_with(**fields):
    import json
    doc = json.loads(session_good)
    doc.update(fields)
    return json.dumps(doc)


def pen_script(points, pressure=0.5, needle=1.0, strokes=1):
    import json
    return json.dumps({"device": "pen", "needle_mm": needle, "pressure": pressure,
                       "strokes": [{"points": points}] * strokes})


values = {
    "nan_needle": (session_with(needle_mm="NaN"), "needle_mm"),
    "inf_needle": (session_with(needle_mm=12345).replace("12345", "1e999"), "number overflow parsing '1e999'"),
    "negative_needle": (session_with(needle_mm=-1), "needle_mm"),
    "pressure_7": (session_with(pressure=7), "pressure"),
    "region_42": (session_with(region=42), "region"),
    "heal_days_1e9": (session_with(healing={"days": 1e9}), "healing.days"),
    "aftercare_sessions_1e6": (session_with(aftercare={"sessions": 1000000}), "aftercare"),
    "pen_pass_1e5_s": (pen_script([[0, 5, 5], [1e5, 15, 15]]), "a pass may last at most 3600 s"),
    "pen_pass_1e9_s_pressure_0": (pen_script([[0, 5, 5], [1e9, 15, 15]], pressure=0), "out of range"),
    "pen_held_3000_s": (pen_script([[0, 5, 5], [3000, 15, 15]]), "punctures (at most 2000000"),
    "strokes_20000": (pen_script([[0, 5, 5], [0.01, 5.1, 5]], strokes=20000), "20000 strokes (at most 10000)"),
    "negative_time": (pen_script([[-5, 5, 5], [1, 6, 6]]), "is negative"),
    "far_off_patch": (pen_script([[0, 5, 5], [1, 1e30, 6]]), "too far off the patch"),
    "pen_depth_2.6": (pen_script([[0, 5, 5], [1, 6, 6]], needle=2.6), "needle_mm"),
}
for kind, (text, problem) in values.items():
    f = write("values_%s.json" % kind, text)
    case("simulate --strokes %s" % kind, sim + ["--strokes", f], [os.path.basename(f), problem])

# A roller has no puncture budget known before it moves: a small session rolled back and forth 40,000 times
# (2.4 M punctures) is refused by the replay and by the kiosk, not replayed for hours.
import json as _json
zigzag = [[0.05 * k, 20.0 * (k % 2), 10.0] for k in range(40000)]
rolled = write("rolled_40000.session.json", session_with(device="roller", needle_mm=0.5, strokes=[{"points": zigzag}]))
case("replay a roller rolled 40,000 times", ["replay", rolled, "--report", REPORT],
     ["rolled_40000.session.json", "more than 2000000 punctures"])
kiosk_dir = path("kiosk_rolled")
os.makedirs(kiosk_dir)
shutil.copyfile(rolled, os.path.join(kiosk_dir, "rolled.session.json"))
with open(os.path.join(kiosk_dir, "kiosk.json"), "w") as f:
    config = _json.load(open(os.path.join(ASSETS, "kiosk", "kiosk.json")))
    config["attract"] = [{"session": "rolled.session.json"}]
    _json.dump(config, f)
case("a kiosk whose attract session rolls 40,000 times", ["--mode", "kiosk", "--kiosk-config",
     os.path.join(kiosk_dir, "kiosk.json"), "--frames", "1"], ["attract[0].session", "more than 2000000 punctures"],
     env={"DISPLAY": ""})

with open(os.path.join(kiosk_dir, "stand.json"), "w") as f:  # a fullscreen stand left with the published PIN
    config = _json.load(open(os.path.join(ASSETS, "kiosk", "kiosk.json")))
    config["fullscreen"] = True
    config["attract"] = [{"session": os.path.join(ASSETS, "kiosk", item["session"])} for item in config["attract"]]
    _json.dump(config, f)
case("a fullscreen kiosk with the shipped PIN", ["--mode", "kiosk", "--kiosk-config",
     os.path.join(kiosk_dir, "stand.json"), "--frames", "1"], ["stand.json", "pin is the shipped one", "set your own"],
     env={"DISPLAY": ""})

# --- the asset catalogue: each table (and a model) damaged in a copy of assets/ ---------------------------------
tables = {"regions.json": "regions", "devices/roller.json": "roller", "devices/pen.json": "pen",
          "heal_params.json": "heal", "serums.json": "serums", "models/roller.gltf": "model"}
for table, stem in tables.items():
    good = read(os.path.join(ASSETS, table))
    for kind, (content, problem) in damaged(stem, good).items():
        copy = path("assets_%s_%s" % (stem, kind))
        shutil.copytree(ASSETS, copy)
        target = os.path.join(copy, table)
        os.remove(target)
        make_file(os.path.relpath(target, WORK), content)
        if table.endswith(".gltf") and problem == "not valid JSON":
            problem = "not a valid glTF"
        case("%s %s (render)" % (table, kind), ["render", "--out", IMAGE, "--size", "64x36"],
             [os.path.basename(target), problem], env={"DERMASIM_ASSETS": copy})
heal = path("assets_heal_step")
shutil.copytree(ASSETS, heal)
heal_text = read(os.path.join(heal, "heal_params.json")).decode()
import json as _json
doc = _json.loads(heal_text)
doc["dt_channels"]["value"], doc["dt_channels"]["unit"] = 1e-300, "s"
write(os.path.relpath(os.path.join(heal, "heal_params.json"), WORK), _json.dumps(doc))
case("heal step 1e-300 s (simulate)", sim + ["--days", "1"], ["heal_params.json", "'dt_channels' = 1e-300 s is out of range"],
     env={"DERMASIM_ASSETS": heal})
overflow = path("assets_heal_overflow")
shutil.copytree(ASSETS, overflow)
doc = _json.loads(heal_text)
doc["signal_release_open"]["value"], doc["signal_release_open"]["unit"] = 1e39, "1/s"
write(os.path.relpath(os.path.join(overflow, "heal_params.json"), WORK), _json.dumps(doc))
case("heal parameter overflowing a float", sim + ["--days", "1"], ["heal_params.json", "too large"],
     env={"DERMASIM_ASSETS": overflow})
case("make-models into a damaged catalogue", ["make-models", "--out", OUT], [os.path.join(heal, "heal_params.json")],
     env={"DERMASIM_ASSETS": heal})
case("make-models --out a file", ["make-models", "--out", REPORT], [REPORT, "not an existing folder"])

# --- flags: out of range, not numbers, NaN/Inf, negative, huge counts, absurd durations ---------------------------
flags = [
    ("--days", "1e9"), ("--days", "nan"), ("--days", "inf"), ("--days", "-3"), ("--every", "0"),
    ("--every", "-1"), ("--passes", "1e9"), ("--passes", "-2"), ("--sessions", "999"), ("--sessions", "2.5"),
    ("--interval-days", "0"), ("--pressure", "1e400"), ("--needle-mm", "-inf"), ("--size", "0x0"),
    ("--size", "100000x100000"), ("--size", "-5x10"), ("--cut", "-inf"), ("--zoom", "1e308"), ("--yaw", "nan"),
]
for flag, value in flags:
    case("simulate %s %s" % (flag, value), sim + [flag, value], [flag])
for flag, value in [("--speed", "0"), ("--speed", "1e300"), ("--every", "nan"), ("--days", "1e6"),
                    ("--frames-limit", "-1"), ("--size", "1x99999")]:
    case("replay %s %s" % (flag, value), ["replay", os.path.join(DATA, "session_forehead.json"), "--report", REPORT,
                                          flag, value], [flag])
for flag, value in [("--steps", "1e12"), ("--cpu-steps", "-1"), ("--days", "1e9"), ("--frames", "1e9")]:
    case("bench %s %s" % (flag, value), ["bench", flag, value], [flag])
case("render --cut 1e999", ["render", "--out", IMAGE, "--cut", "1e999"], ["--cut"])
case("render --out a folder", ["render", "--out", OUT], [OUT, "is a folder"])
case("render --out ''", ["render", "--out", ""], ["--out needs a file name"])
case("simulate --report ''", ["simulate", "--region", "cheek", "--cpu", "--report", ""], ["--report needs a file name"])
case("simulate --curves a folder", sim + ["--days", "1", "--curves", OUT], [OUT, "is a folder"])
case("simulate --image under a file", sim + ["--image", os.path.join(REPORT, "x.png")], ["does not exist"])
case("simulate 350 400 frames", sim + ["--days", "3650", "--every", "0.25", "--frames", FRAMES],
     ["350400 frames (at most 20000)"])
case("replay 350 400 frames", ["replay", os.path.join(DATA, "session_forehead.json"), "--days", "3650", "--every",
                               "0.25", "--frames", FRAMES], ["frames (at most 20000)"])
case("simulate --frames a missing folder", sim + ["--days", "1", "--frames", os.path.join(OUT, "missing")],
     ["--frames", "missing", "not an existing folder", "mkdir -p"])
HELD = os.path.join(WORK, "held_frames")  # an earlier run's frames: neither overwritten nor mixed with new ones
os.makedirs(HELD)
with open(os.path.join(HELD, "frame_0000_day000.00.png"), "wb") as f:
    f.write(b"an earlier frame")
case("simulate --frames a folder of earlier frames", sim + ["--days", "1", "--frames", HELD],
     ["--frames", "held_frames", "already holds a frame", "choose an empty folder"])
if os.listdir(HELD) != ["frame_0000_day000.00.png"] or read(os.path.join(HELD, "frame_0000_day000.00.png")) != \
        b"an earlier frame":
    results.append(("the earlier frames kept", False, "the folder of earlier frames changed"))
case("simulate --report on a full disk", ["simulate", "--region", "cheek", "--quality", "ci", "--cpu", "--report",
                                         "/dev/full"], ["/dev/full", "No space left on device"])

# --- summary --------------------------------------------------------------------------------------------------
failed = [r for r in results if not r[1]]
for name, ok, detail in results:
    print("%s %s: %s" % ("ok  " if ok else "FAIL", name, detail))
print("%d bad inputs, %d refused as they should be, %d failed" % (len(results), len(results) - len(failed), len(failed)))
sys.exit(1 if failed else 0)
