"""``edition lsp``: a language server for TEI files, for any editor that speaks LSP.

``server`` wires the protocol (pygls) to the work: ``project`` finds the edition a file
belongs to, checks an editor's buffer with ``pipeline.check`` (the same codes and messages
as ``edition check``) and indexes register entries and their mentions across the corpus;
``scan`` reads the markup around the cursor of a buffer that is often not well-formed, and
``grammar`` asks the RELAX NG grammar model (``validate.rng_patterns``) what may come there.
"""
