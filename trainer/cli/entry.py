"""`main`: parse the arguments, open the app or run a subcommand, and turn the errors a person can
fix (and a full disk or a closed pipe) into one line on stderr and an exit code.
"""

from __future__ import annotations

import argparse
import errno
import gc
import os
import sys
from collections.abc import Sequence

from trainer.cli.commands import run_command
from trainer.cli.common import collect_again
from trainer.cli.parser import EXIT_USER_ERROR, build_parser, one_line
from trainer.core.clock import Clock, SystemClock
from trainer.core.errors import UserError

_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EIO, errno.EPIPE, errno.EFBIG, errno.EDQUOT}


def _run_app(args: argparse.Namespace, clock: Clock) -> int:
    from trainer.services import build_services

    services = build_services(getattr(args, "db", None), getattr(args, "catalog", None), clock)
    try:
        from trainer.ui.app import TrainerApp  # Textual only for the app

        collect_again()
        app = TrainerApp(services, clock)
        app.run()
    finally:
        services.close()
    return app.return_code or 0


def _silence_stdout() -> None:
    """After stdout failed, what is still buffered would fail again when Python exits."""
    try:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (lives to exit)
    except OSError:
        pass


def main(argv: Sequence[str] | None = None, clock: Clock | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 2 user error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    clock = clock or SystemClock()
    # Loading Textual and SQLAlchemy makes hundreds of thousands of objects and no garbage
    # cycles; the cyclic collector would only walk them over and over (about 8 % of start-up).
    # It is back on (collect_again) once the services are built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if args.command is None:
            return _run_app(args, clock)
        code = run_command(args, clock)
        sys.stdout.flush()  # a full disk under `> file` shows here, not at exit
        return code
    except UserError as error:
        print(f"trainer: error: {one_line(str(error))}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        # `trainer history | head` closes the pipe early; that is not an error.
        _silence_stdout()
        return 0
    except OSError as error:
        if error.errno not in _OUTPUT_ERRNOS:
            raise
        # The output could not be written (`trainer history > /dev/full`): what the command
        # saved is saved; say so in one line instead of a traceback (issue 18.6).
        _silence_stdout()
        print(
            f"trainer: error: could not write the output ({error.strerror}); anything the "
            "command saved (a logged set, say) is saved",
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    finally:
        # As it was for a caller in the same process (the tests call main many times).
        gc.unfreeze()
        if collecting:
            gc.enable()
