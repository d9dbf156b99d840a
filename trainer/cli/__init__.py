"""The command line: `trainer` opens the TUI; subcommands print text, or JSON with `--json`.

User errors (bad input, a broken catalogue, an unusable database) print one line on stderr and
exit with code 2; nothing is written in that case. Textual is imported only to open the TUI, and
the database modules only when a command opens the database, so scripted commands start fast.

`parser` builds the arguments, `entry.main` runs them, `commands` holds one function per
subcommand (and the table they are dispatched from), `data` and `chart` the `export`/`import` and
`chart` subcommands, `format` how each topic is shown, `common` what the commands share.
"""

from trainer.cli.entry import main
from trainer.cli.parser import Parser as _Parser
from trainer.cli.parser import build_parser
from trainer.cli.parser import common_options as _common_options

__all__ = ["_Parser", "_common_options", "build_parser", "main"]

# The tests build one subcommand's parser with `_Parser` and `_common_options`, and run the data
# and chart commands through the real entry point when these are set (they always are now).
_DATA_COMMANDS_WIRED = True
_CHART_COMMAND_WIRED = True
