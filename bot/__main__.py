"""``python -m bot``: the same as ``corpusbot run``."""

import sys

from bot.cli import main

if __name__ == "__main__":
    sys.exit(main(["run", *sys.argv[1:]]))
