"""What the book displays, built from the catalog: tables, charts, prose, figures, and the
page helpers (``page``) that a book page imports instead of defining its own.

>>> from legcourse.book import tables
>>> tables.muscle_table("leg_lateral").index.tolist()
['fibularis longus', 'fibularis brevis']
"""
