"""Run a command and write its peak resident memory (KiB) to a file.

Brian2's standalone binary runs in its own process; ``run_brian2.py`` sets
``prefs.devices.cpp_standalone.run_cmd_unix`` to ``python child_rss.py OUT ./main`` so the
binary's peak memory is known without counting the compiler's.

Usage: ``python child_rss.py OUT_FILE COMMAND [ARGS...]``; exits with the command's status.
"""
import os
import subprocess
import sys


def main(argv):
    out_file, command = argv[1], argv[2:]
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    with open(out_file, "w") as f:
        f.write(str(usage.ru_maxrss))
    return process.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv))
