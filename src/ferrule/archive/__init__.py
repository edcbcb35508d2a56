"""Distribution archives: wheels (PEP 427), editable wheels (PEP 660) and sdists.

`contents.py` is the one place that decides which files go into each kind of
archive; `writer.py` writes any list of entries reproducibly; `tags.py` picks
the wheel tag; `metadata.py` turns `[project]` into core metadata.
"""
