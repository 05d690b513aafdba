#!/usr/bin/env python3
"""An independent oracle for the reminder planner's time rule
(core/src/reminders/time.rs), on Python's zoneinfo instead of chrono-tz.

Reads lines "NOW_UNIX WEEKDAY HH:MM" (WEEKDAY 0 = Monday … 6 = Sunday) and
prints, per line, the Unix time of the first instant strictly after NOW at
which local HH:MM happens on that weekday in Europe/Stockholm, with the
rules applied here on their own terms:

- a local time that happens once: that instant;
- one that happens twice (the autumn fold): the earlier instant;
- one that does not happen (the spring gap): the first instant whose local
  time is at or after it, found by searching UTC minutes (a naive
  conversion would give 01:30 UTC for 02:30 on 2026-03-29; the rule gives
  01:00 UTC).
"""
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

TZ = ZoneInfo(sys.argv[1] if len(sys.argv) > 1 else "Europe/Stockholm")
UTC = timezone.utc


def local_of(t):
    return t.astimezone(TZ).replace(tzinfo=None)


def resolve(naive):
    candidates = []
    for fold in (0, 1):
        u = naive.replace(tzinfo=TZ, fold=fold).astimezone(UTC)
        if local_of(u) == naive:
            candidates.append(u)
    if candidates:
        return min(candidates)
    # In a gap: the two folds give the instants on either side of it.
    a = naive.replace(tzinfo=TZ, fold=0).astimezone(UTC)
    b = naive.replace(tzinfo=TZ, fold=1).astimezone(UTC)
    t = min(a, b)
    end = max(a, b)
    while t <= end:
        if local_of(t) >= naive:
            return t
        t += timedelta(minutes=1)
    raise SystemExit(f"no instant for {naive}")


def next_fire(now, weekday, hh, mm):
    today = local_of(now).date()
    for d in range(0, 9):
        day = today + timedelta(days=d)
        if day.weekday() != weekday:
            continue
        at = resolve(datetime(day.year, day.month, day.day, hh, mm))
        if at > now:
            return at
    raise SystemExit("nothing within nine days")


def main():
    out = []
    for line in sys.stdin:
        now_s, wd_s, hm = line.split()
        hh, mm = (int(x) for x in hm.split(":"))
        now = datetime.fromtimestamp(int(now_s), UTC)
        out.append(str(int(next_fire(now, int(wd_s), hh, mm).timestamp())))
    sys.stdout.write("\n".join(out) + "\n")


main()
