"""Entry point: `rammedesk` opens the window, `rammedesk <command>` runs the command line."""

from __future__ import annotations

import sys


def main() -> None:
    from rammedesk.cli import reader_left, run

    code = run(sys.argv[1:])
    try:  # output still buffered meets a reader that has gone (`… | head`)
        sys.stdout.flush()
    except BrokenPipeError:
        code = reader_left(sys.stdout)
    sys.exit(code)


if __name__ == "__main__":
    main()
