import sys

from msjournal.cli import main

sys.exit(main())
