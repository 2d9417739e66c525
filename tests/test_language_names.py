"""Names of languages in the interface's language (pipeline/language_names.py, and
r:language-words / r:language-label of xslt/common/base.xsl, which read them from the
messages document)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from pipeline import i18n, language_names
from pipeline.paths import XSLT_DIR
from pipeline.xslt import Saxon

CODES = "grc eng english zh-Hant grc-Latn ar he lat sr-Latn-RS es-419 de_AT hbo qaa x-klingon und"

PROBE = f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:r="urn:edition:render"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="#all">
  <xsl:import href="../common/base.xsl"/>
  <xsl:template match="/" as="element()">
    <out>
      <xsl:for-each select="tokenize('{CODES}')">
        <n><xsl:value-of select="r:language-words(.)"/></n>
      </xsl:for-each>
      <xsl:for-each select="//language">
        <l><xsl:value-of select="r:language-label(.)"/></l>
      </xsl:for-each>
    </out>
  </xsl:template>
</xsl:stylesheet>"""

LANGUAGES = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><language ident="eng">eng</language>'
    '<language ident="en">English</language><language ident="la"/>'
    '<language ident="lat">la</language><language ident="fr">Old</language></TEI>'
)


@pytest.fixture(scope="session")
def probe(tmp_path_factory: pytest.TempPathFactory) -> Saxon:
    folder = tmp_path_factory.mktemp("xslt")
    shutil.copytree(XSLT_DIR, folder, dirs_exist_ok=True)
    (folder / "probe").mkdir()
    (folder / "probe" / "probe.xsl").write_text(PROBE, encoding="utf-8")
    return Saxon(Path(folder))


def _run(probe: Saxon, ui: str) -> tuple[list[str], list[str]]:
    output = probe.stylesheet("probe/probe").transform(LANGUAGES, {"messages": i18n.messages(ui)})
    root = etree.fromstring(output.output.encode())
    return [n.text or "" for n in root.iter("n")], [n.text or "" for n in root.iter("l")]


def test_the_names_are_cldrs_in_the_interface_language() -> None:
    english = {(kind, code): name for kind, code, name in language_names.names("en")}
    assert english["language", "grc"] == "Ancient Greek"
    assert english["script", "Latn"] == "Latin"
    assert english["region", "419"] == "Latin America"
    # regional variants are named as a language with its region, not by CLDR's own phrase
    assert ("language", "en_GB") not in english
    german = {(kind, code): name for kind, code, name in language_names.names("de")}
    assert german["language", "grc"] == "Altgriechisch"
    for ui in i18n.languages():
        assert language_names.names(ui), f"no names for interface language {ui}"


def test_the_messages_document_carries_the_names() -> None:
    doc = etree.fromstring(i18n.messages("fr").text.encode())
    ns = {"i": i18n.I18N_NS}
    assert doc.xpath("string(i:language[@k = 'la'])", namespaces=ns) == "latin"
    assert doc.xpath("string(i:m[@k = 'nav.texts'])", namespaces=ns)


def test_a_code_is_named_with_its_script_and_region(probe: Saxon) -> None:
    """Probe 23 (TCP's "Languages: eng.") and probe 5 (a dictionary's "fr"): a code is shown
    to a reader by its name; one CLDR does not name stays as written."""
    names, _ = _run(probe, "en")
    assert dict(zip(CODES.split(), names, strict=True)) == {
        "grc": "Ancient Greek",
        "eng": "English",
        "english": "English",
        "zh-Hant": "Chinese (Traditional)",
        "grc-Latn": "Ancient Greek (Latin)",
        "ar": "Arabic",
        "he": "Hebrew",
        "lat": "Latin",
        "sr-Latn-RS": "Serbian (Latin, Serbia)",
        "es-419": "Spanish (Latin America)",
        "de_AT": "German (Austria)",
        "hbo": "hbo",
        "qaa": "qaa",
        "x-klingon": "x-klingon",
        "und": "Unknown language",
    }


def test_names_follow_the_interface_language(probe: Saxon) -> None:
    names, _ = _run(probe, "de")
    assert names[:4] == ["Altgriechisch", "Englisch", "Englisch", "Chinesisch (Traditionell)"]


def test_a_language_element_keeps_a_name_and_names_a_code(probe: Saxon) -> None:
    """TCP's <language ident="eng">eng</language> read "eng"; "English" and "Old" (words,
    though short) are kept as the header writes them; an empty element is named."""
    _, labels = _run(probe, "en")
    assert labels == ["English", "English", "Latin", "Latin", "Old"]
