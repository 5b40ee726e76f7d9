"""``python -m bot.cli.entry``: the ``corpusbot`` command without the installed script."""

import sys

from bot.cli import main

if __name__ == "__main__":
    sys.exit(main())
