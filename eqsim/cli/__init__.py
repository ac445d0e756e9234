"""``python -m eqsim``: machine facts, the compiled-module cache, and running a script with
the target or thread count switched from the command line."""
import argparse
import sys


def build_parser():
    parser = argparse.ArgumentParser(
        prog="python -m eqsim",
        description="eqsim command line: facts about this machine, the compiled-module cache, "
                    "running a script with another target")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    info = commands.add_parser("info", help="version, compiler, CPU features, threads, MPI, cache")
    info.add_argument("--no-compile-check", action="store_true",
                      help="do not compile a test program to check threads (faster)")
    cache = commands.add_parser("cache", help="show or clear the compiled-module cache")
    cache.add_argument("action", choices=("info", "clear"), help="'info' (default) or 'clear'",
                       nargs="?", default="info")
    run = commands.add_parser("run", help="run a script with eqsim preferences set first")
    run.add_argument("script", help="the Python script to run")
    run.add_argument("--target", choices=("cython", "numpy"),
                     help="code generation target (prefs.codegen.target)")
    run.add_argument("--threads", type=int,
                     help="threads of the compiled target (prefs.codegen.cython.num_threads)")
    run.epilog = ("Other arguments go to the script (after '--' for ones that look like the "
                  "options above).")
    return parser


def main(argv=None):
    """Run one command; returns the process exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser()
    # the script's own arguments may come before or after eqsim's options
    script_args = []
    if "--" in argv:
        cut = argv.index("--")
        argv, script_args = argv[:cut], argv[cut + 1:]
    args, unknown = parser.parse_known_args(argv)
    if unknown and args.command != "run":
        parser.error("unrecognized arguments: " + " ".join(unknown))
    if args.command == "info":
        from .info import print_info
        print_info(compile_check=not args.no_compile_check)
        return 0
    if args.command == "cache":
        from .cache_command import cache_command
        return cache_command(args.action)
    from .run_script import run_script
    return run_script(args.script, unknown + script_args, target=args.target, threads=args.threads)
