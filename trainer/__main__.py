"""`trainer` console script and `python -m trainer`."""

import sys

from trainer.cli import main as _cli_main


def main() -> None:
    sys.exit(_cli_main())


if __name__ == "__main__":
    main()
