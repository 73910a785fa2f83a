import sys

from msjournal.cli.main import main

sys.exit(main())
