"""The edition pipeline: gate -> validate -> normalise -> write (HTML, EPUB, index).

``pipeline.check`` validates TEI files and ``pipeline.build`` turns them into outputs; the
click CLI in ``pipeline.cli`` is a thin layer over both.
"""

__version__ = "0.1.0"
