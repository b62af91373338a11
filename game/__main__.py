"""``python -m game``: the same as the ``coalition`` command."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
