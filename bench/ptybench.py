#!/usr/bin/env python3
"""ptybench.py - time a curses program in a pseudo-terminal (80x24).

  ptybench.py first RUNS CMD...   seconds until the first screen is drawn
                                  (the last byte before the output stays
                                  idle for IDLE seconds while the program
                                  sleeps waiting for a key), median of RUNS
  ptybench.py type N CMD...       once the first screen is drawn, type N
                                  characters one at a time, each after the
                                  screen has answered the previous one;
                                  prints "CPU_US_PER_KEY BYTES_PER_KEY"
                                  (CPU of the program from /proc, bytes
                                  written to the terminal)

The program is terminated with SIGTERM (then SIGKILL) afterwards; nothing
is saved.  Output: one line of numbers on stdout."""
import os, pty, select, signal, struct, sys, time, fcntl, termios, statistics

IDLE = float(os.environ.get("PTYBENCH_IDLE", "0.3"))
TEXT = "abcdefghijklmnñopqrstuvwxyzáéíóú "


def spawn(cmd):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ.pop("NO_COLOR", None)
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def drain(fd, idle, first_timeout=10.0):
    """Read until nothing arrives for `idle` seconds; return (bytes, time
    of the last byte or None)."""
    n, last, timeout = 0, None, first_timeout
    while True:
        r, _, _ = select.select([fd], [], [], timeout)
        if not r:
            return n, last
        try:
            data = os.read(fd, 65536)
        except OSError:
            return n, last
        if not data:
            return n, last
        n += len(data)
        last = time.monotonic()
        timeout = idle


def state(pid):
    with open("/proc/%d/stat" % pid) as f:
        return f.read().rsplit(")", 1)[1].split()[0]


def ready(pid, fd, first_timeout):
    """Drain until the output is idle AND the program sleeps (waiting for a
    key), so that work still going on counts as drawing; return the time of
    the last byte (None when nothing came)."""
    _, last = drain(fd, IDLE, first_timeout)
    while last is not None and state(pid) == "R":
        _, more = drain(fd, IDLE, IDLE)
        last = more or last
    return last


def cpu_ticks(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def stop(pid, fd):
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        try:
            drain(fd, 0.01, 0.05)
        except OSError:
            pass
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)


def first(runs, cmd):
    times = []
    for _ in range(runs):
        t0 = time.monotonic()
        pid, fd = spawn(cmd)
        last = ready(pid, fd, 10.0)
        if last is None:
            sys.exit("ptybench: %s drew nothing" % cmd[0])
        times.append(last - t0)
        stop(pid, fd)
    print("%.6f" % statistics.median(times))


def typing(n, cmd):
    pid, fd = spawn(cmd)
    ready(pid, fd, 60.0)
    hz = os.sysconf("SC_CLK_TCK")
    c0 = cpu_ticks(pid)
    total = 0
    for i in range(n):
        os.write(fd, TEXT[i % len(TEXT)].encode())
        got, _ = drain(fd, 0.002, 5.0)
        total += got
    drain(fd, 0.05, 0.05)
    c1 = cpu_ticks(pid)
    stop(pid, fd)
    print("%.0f %.1f" % ((c1 - c0) / hz / n * 1e6, total / n))


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[1] not in ("first", "type"):
        sys.exit(__doc__)
    k = int(sys.argv[2])
    (first if sys.argv[1] == "first" else typing)(k, sys.argv[3:])
