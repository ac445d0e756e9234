"""Clocks, schedule, networks and the magic run()."""
