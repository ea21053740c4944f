#!/usr/bin/env python3
"""Resident memory of a command over its run, for docs/performance.md's
"Where the memory goes".

    python3 tests/bench/rss_timeline.py [--every 0.2] -- CMD ARGS...

Starts CMD, reads VmRSS from /proc/PID/status every --every seconds until
it exits, and prints one line per sample ("seconds MiB"), then the peak
(ru_maxrss from wait4, as the benchmark measures it) and the command's
exit status.  Only the process itself is sampled, not its children:
rolepress runs in one.
Not part of the test suite; like the benchmark it passes or fails nothing.
"""
import argparse
import os
import subprocess
import sys
import time


def status_kib(pid, field):
    """The field (VmRSS) of /proc/PID/status in KiB, or None."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--every", type=float, default=0.2, help="seconds between samples")
    ap.add_argument("cmd", nargs=argparse.REMAINDER, help="-- CMD ARGS...")
    args = ap.parse_args()
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    if not cmd:
        ap.error("no command given (put it after --)")
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        rss = status_kib(proc.pid, "VmRSS")
        if rss is not None:
            print("%.2f %d" % (time.monotonic() - start, rss // 1024), flush=True)
        time.sleep(args.every)
    proc.returncode = os.waitstatus_to_exitcode(status)
    print("peak %.1f MiB; exit %d" % (usage.ru_maxrss / 1024, proc.returncode))
    return proc.returncode

if __name__ == "__main__":
    sys.exit(main())
