#!/usr/bin/env python3
"""Dates the raw capture in story time and writes it as Debian's /var/log/mail.log.

Usage: retime.py RAW_LOG STEPS_FILE > mail.log
RAW_LOG has rsyslog's RSYSLOG_FileFormat lines (`2026-11-29T02:41:13.123456+00:00 mx1 prog: msg`).
STEPS_FILE has `real_epoch story_epoch` per step of the driver. A line logged at real time r,
within the step that started at real time s with story time t, is dated t + (r - s); nothing
else in the line changes."""
import bisect
import datetime
import sys

raw, steps_file = sys.argv[1], sys.argv[2]
steps = [tuple(map(float, line.split())) for line in open(steps_file) if line.strip()]
starts = [s[0] for s in steps]
out = sys.stdout
for line in open(raw, encoding="utf-8", errors="surrogateescape"):
    stamp, _, rest = line.partition(" ")
    real = datetime.datetime.fromisoformat(stamp).timestamp()
    index = bisect.bisect_right(starts, real) - 1
    if index < 0:
        story = steps[0][1] - (starts[0] - real)
    else:
        story = steps[index][1] + (real - starts[index])
    when = datetime.datetime.fromtimestamp(story, datetime.timezone.utc)
    out.write("%s %2d %s %s" % (when.strftime("%b"), when.day, when.strftime("%H:%M:%S"), rest))
