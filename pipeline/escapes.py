"""Percent-escapes of a pointer, read as the build reads them.

a pointer's fragment as written ("caf%C3%A9") -> the id it names ("café"), for the reference
checker (``validate/references.py``) and for placing its problems on a line (``columns``),
so that both read an escape as ``normalize.xsl``'s ``ed:percent-decoded`` does.
"""

from __future__ import annotations

import re

#: A run of percent-escapes.
_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def percent_decoded(written: str) -> str:
    """A fragment with each run of percent-escapes read as the UTF-8 it writes ("caf%C3%A9" is
    "café"), as the build reads it (normalize.xsl, ``ed:percent-decoded``): a run that writes
    no UTF-8, or a character XML does not allow, stays as written (probe 132: Python's
    ``unquote`` made "#a%FF" the id "a\ufffd", which the check resolved and the build did
    not, and its messages showed the replacement characters)."""
    if "%" not in written:
        return written

    def decoded(run: re.Match[str]) -> str:
        try:
            text = bytes.fromhex(run.group().replace("%", "")).decode("utf-8")
        except UnicodeDecodeError:
            return run.group()
        return run.group() if _NOT_XML.search(text) else text

    return _ESCAPES.sub(decoded, written)


#: Characters no XML document may hold (XML 1.0, 2.2).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
