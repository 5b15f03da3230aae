import os
import sys

from loaders.cli import main

try:
    sys.exit(main())
except BrokenPipeError:
    # The reader of stdout stopped early (`... | head`): what it took is all it wanted, so no traceback; stdout is
    # pointed at /dev/null so that Python's flush at exit does not raise again (the Python docs' recipe).
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(1)
