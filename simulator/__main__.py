"""`python -m simulator` is the same as `roleplay`."""

from simulator.cli import main

raise SystemExit(main())
