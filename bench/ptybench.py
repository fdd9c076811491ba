#!/usr/bin/env python3
"""ptybench.py - time a curses program in a pseudo-terminal (80x24).

  ptybench.py first RUNS CMD... [--- CMD...]
                                  prints "FIRST SETTLED" for each command,
                                  medians of RUNS runs (the commands take
                                  turns), in seconds from the start:
      FIRST    the first screen: the time of the last byte before the
               output has been quiet for QUIET seconds (PTYBENCH_QUIET,
               default 0.03) while the program's main thread waits for a
               key (asleep in read/poll/select on the terminal, read from
               /proc/PID/task/PID/stat and .../syscall);
      SETTLED  the time of the last byte before the output has been quiet
               for IDLE seconds (PTYBENCH_IDLE, default 0.3) with every
               thread of the program asleep: everything drawn without a
               key, including work finished in the background (pacta's
               spelling marks, once the dictionary has loaded).
  ptybench.py type N CMD...       once the program has settled, type N
                                  characters one at a time, each after the
                                  screen has answered the previous one;
                                  prints "CPU_US_PER_KEY BYTES_PER_KEY"
                                  (CPU of the program from /proc, bytes
                                  written to the terminal)

Times count from just before the program is started.  The program is
terminated with SIGTERM (then SIGKILL) afterwards; nothing is saved.
Output: one line of numbers on stdout per command."""
import os, platform, pty, select, signal, struct, sys, time, fcntl, termios, statistics

IDLE = float(os.environ.get("PTYBENCH_IDLE", "0.3"))
QUIET = float(os.environ.get("PTYBENCH_QUIET", "0.03"))
TEXT = "abcdefghijklmnñopqrstuvwxyzáéíóú "
# System calls in which a program waits for a key: read, poll, select,
# pselect6, ppoll, epoll_wait, epoll_pwait, epoll_pwait2.  A thread asleep
# anywhere else (a futex: joining a thread, waiting for a lock; nanosleep)
# is not waiting for the user.
INPUT_SYSCALLS = {
    "x86_64": {0, 7, 23, 232, 270, 271, 281, 441},
    "aarch64": {63, 72, 73, 22, 441},
}.get(platform.machine())


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


def task_state(pid, tid):
    """The state letter of one thread ("R", "S", "D", ...), or None when
    it is gone."""
    try:
        with open("/proc/%d/task/%d/stat" % (pid, tid)) as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


def waits_for_key(pid):
    """Is the main thread asleep in a system call that waits for input?"""
    if task_state(pid, pid) != "S":
        return False
    try:
        with open("/proc/%d/task/%d/syscall" % (pid, pid)) as f:
            nr = f.read().split()[0]
    except (OSError, IndexError):
        return True  # no /proc/PID/syscall: asleep is all we can tell
    if nr == "running":
        return False
    return INPUT_SYSCALLS is None or int(nr) in INPUT_SYSCALLS


def all_asleep(pid):
    """Is every thread of the program asleep (none running or in a
    disk wait)?"""
    try:
        tids = [int(t) for t in os.listdir("/proc/%d/task" % pid)]
    except OSError:
        return True
    return all(task_state(pid, t) not in ("R", "D") for t in tids)


def watch(pid, fd, first_timeout):
    """Read the program's output until it has settled.  Returns (first,
    settled, bytes): the monotonic times of the last byte of the first
    screen and of the last byte before settling (None when nothing came)
    and the bytes read.  While the output is quiet, the threads' states
    are sampled every POLL seconds."""
    POLL = 0.002
    n, last, first = 0, None, None
    deadline = time.monotonic() + first_timeout
    while True:
        now = time.monotonic()
        r, _, _ = select.select([fd], [], [], max(0.0, deadline - now))
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b""
            if not data:
                return first or last, last, n
            n += len(data)
            last = time.monotonic()
            deadline = last + (QUIET if first is None else IDLE)
            continue
        if last is None:
            return None, None, n
        now = time.monotonic()
        if first is None and now - last >= QUIET and waits_for_key(pid):
            first = last
        if now - last >= IDLE and all_asleep(pid):
            # A main thread asleep elsewhere for so long (not in a system
            # call that reads keys) still counts: its screen is the first.
            return first or last, last, n
        deadline = now + POLL if first is None or now - last >= IDLE else last + IDLE


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
    """Commands separated by "---" are measured in turn, run after run, so
    that a change in the machine's load falls on all of them alike."""
    cmds = [[]]
    for a in cmd:
        if a == "---":
            cmds.append([])
        else:
            cmds[-1].append(a)
    firsts = [[] for _ in cmds]
    settled = [[] for _ in cmds]
    for _ in range(runs):
        for i, c in enumerate(cmds):
            t0 = time.monotonic()
            pid, fd = spawn(c)
            f, s, _ = watch(pid, fd, 10.0)
            stop(pid, fd)
            if f is None:
                sys.exit("ptybench: %s drew nothing" % c[0])
            firsts[i].append(f - t0)
            settled[i].append(s - t0)
    for f, s in zip(firsts, settled):
        print("%.6f %.6f" % (statistics.median(f), statistics.median(s)))


def typing(n, cmd):
    pid, fd = spawn(cmd)
    watch(pid, fd, 60.0)
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
