"""The data core: read the course data, check it, and answer questions about it.

``records`` (one typed record class per data file, which is also the file's schema),
``loading`` (read and validate; every fault named by file, row and field), ``datacache``
(the packaged data, read and validated once, kept on disk for the next process), ``catalog``
(look-ups by id, name or synonym; pandas views), ``names`` and ``words`` (names and plain
English), ``answers`` (reading a learner's answer), ``links`` (where the book describes
what), ``errors``. Nothing here draws, displays or grades; every other layer builds on it.
"""
