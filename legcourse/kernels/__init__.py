"""Jupyter kernels started warm: forked from a "zygote" that has imported what they need once.

Used by the grading (one kernel per submission) and by the book's pre-execution (one kernel per
page). It imports nothing from the rest of the package, so every layer may use it.
"""
