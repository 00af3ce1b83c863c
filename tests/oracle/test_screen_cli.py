#!/usr/bin/env python3
"""`orbwatch screen` as a user meets it: warnings, exit codes, --stop,
progress. Each check failed before the fix it covers (issue 9, item 7):
  - a decayed object in the catalog: a warning naming it, exit 0 (was 1);
  - two element sets of the ISS: no conjunction of the ISS with itself,
    the duplicate reported (was an event 25544-25544);
  - element sets a month before the span: warned, ages summed up (was
    silent);
  - --stop: accepted, the same events as --days, and held to the 366-day
    limit (was an unknown option, and the limit applied only to --days);
  - nothing to screen (one object): exit 3 with the reason;
  - progress on stderr when it is a terminal, not with --quiet, never in
    a pipe.
The reference for the events is orbwatch's own --days run (a regression
check of the options, not of the numerics: test_screen_oracle.py has
those)."""
import os, pty, subprocess, sys, tempfile

from checks import check, finish

ORBWATCH = os.environ["ORBWATCH"]
SHARED = os.environ["OW_SHARED_DATA"]
CAT = os.path.join(SHARED, "catalog", "full_2023-10_spacetrack_3le.txt")
ISS_HIST = os.path.join(SHARED, "catalog",
                        "history_2026-03_to_08_ISS_25544_3le.txt")


def run(*args):
    p = subprocess.run([ORBWATCH, "screen", *args], capture_output=True)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def records(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    return [lines[i:i + 3] for i in range(0, len(lines) - 2, 3)]


def write(tmp, name, recs):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        for r in recs:
            f.write("\n".join(r) + "\n")
    return path


def rows(out):
    return [l.split(",") for l in out.splitlines()[1:]]


with tempfile.TemporaryDirectory() as tmp:
    cat = records(CAT)
    by_id = {r[1][2:7].strip(): r for r in cat}
    # A LEO sample with 9674 (DELTA 1 DEB, decayed at the span's start).
    sample = [r for k, r in enumerate(cat) if k % 30 == 0] + [by_id["9674"]]
    path = write(tmp, "sample.tle", sample)
    start = "2023-10-09T00:00:00Z"

    rc, out, err = run(path, "--start", start, "--days", "0.5",
                       "--threshold-km", "20")
    check(rc == 0, "a dropped object is a warning: exit %d" % rc)
    check("warning: 9674 " in err and "decayed" in err,
          "the decayed object is named on stderr")
    check("element-set ages at the start: median" in err, "ages summary")

    # --stop: the same events as --days; refused beyond 366 days.
    rc2, out2, err2 = run(path, "--start", start,
                          "--stop", "2023-10-09T12:00:00Z",
                          "--threshold-km", "20")
    check(rc2 == 0 and out2 == out and len(rows(out)) > 0,
          "--stop gives the --days events (%d rows)" % len(rows(out)))
    rc3, _, err3 = run(path, "--start", start, "--stop",
                       "2024-10-10T00:00:00Z")
    check(rc3 == 2 and "not in (0, 366]" in err3,
          "--stop beyond 366 days refused: %d %s" % (rc3, err3.strip()))
    rc3, _, err3 = run(path, "--start", start, "--stop", "2023-10-08T00:00:00Z")
    check(rc3 == 2, "--stop before --start refused")
    rc3, _, err3 = run(path, "--start", start, "--stop",
                       "2023-10-10T00:00:00Z", "--days", "1")
    check(rc3 == 2 and "not both" in err3, "--stop and --days refused")

    # A month later: every set far from the span, warned (capped).
    rc, _, err = run(path, "--start", "2023-11-09T00:00:00Z", "--days",
                     "0.1", "--pc", "none")
    check(rc == 0, "old sets: exit 0")
    check("days before the span (limit 3 days for near-Earth" in err,
          "old epoch warned")
    check("more old-epoch warnings" in err, "warnings capped with a count")

    # The ISS twice (two epochs 6 hours apart) and a neighbour sample.
    hist = records(ISS_HIST)[:2]
    path = write(tmp, "dup.tle", hist + sample[:50])
    rc, out, err = run(path, "--start", "2026-03-01T20:00:00Z", "--days",
                       "0.5", "--threshold-km", "50", "--pc", "none")
    self_rows = [r for r in rows(out) if r[0] == r[1]]
    check(rc == 0 and not self_rows,
          "no conjunction of the ISS with itself (%d)" % len(self_rows))
    check("1 element sets left out as duplicates" in err
          and "catalog number 25544" in err, "duplicate reported")

    # Nothing to screen.
    path = write(tmp, "one.tle", [by_id["25544"]])
    rc, _, err = run(path, "--start", start, "--days", "0.1")
    check(rc == 3 and "nothing could be screened" in err,
          "one object: exit %d" % rc)

    # Progress: on a terminal only, and not with --quiet.
    path = write(tmp, "small.tle", sample[:200])

    def on_tty(*extra):
        master, slave = pty.openpty()
        p = subprocess.Popen([ORBWATCH, "screen", path, "--start", start,
                              "--days", "0.5", "--pc", "none", *extra],
                             stdout=subprocess.DEVNULL, stderr=slave)
        os.close(slave)
        got = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            got += chunk
        p.wait()
        os.close(master)
        return got.decode(errors="replace")

    tty = on_tty()
    check("screening 100%" in tty, "progress on a terminal")
    check("screening" not in on_tty("--quiet"), "--quiet silences it")
    rc, _, err = run(path, "--start", start, "--days", "0.5")
    check("screening " not in err.replace("screened", ""), "none in a pipe")

finish()
