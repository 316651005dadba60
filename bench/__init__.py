"""Benchmarks of legcourse against the plain tools; run with `make bench`."""
