"""``python -m parrules``: the same command line as the ``parrules`` script (where no script is on PATH)."""

import sys

from .cli import main

sys.exit(main())
