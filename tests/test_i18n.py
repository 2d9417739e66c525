"""Interface catalogues (pipeline/i18n.py, xslt/common/i18n.xsl): lookup, fallback, arguments."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from pipeline import i18n
from pipeline.errors import ConfigError
from pipeline.xslt import engine

PROBE = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:r="urn:edition:render" xmlns:i="urn:edition:i18n">
  <xsl:param name="messages" as="document-node()?" select="()"/>
  <xsl:key name="i:message" match="i:m" use="string(@k)"/>
  <xsl:template match="/">
    <out lang="{(string($messages/*/@xml:lang), 'en')[1]}">
      <xsl:value-of select="key('i:message', 'nav.texts', $messages)"/>
    </out>
  </xsl:template>
</xsl:stylesheet>"""


def test_every_catalogue_uses_only_english_keys() -> None:
    english = set(etree.parse(str(i18n.CATALOGUES / "en.xml")).getroot().xpath("//@k"))
    for lang in i18n.languages():
        keys = etree.parse(str(i18n.CATALOGUES / f"{lang}.xml")).getroot().xpath("//@k")
        assert len(keys) == len(set(keys)), f"{lang}: a key defined twice"
        assert set(keys) <= english, f"{lang}: keys unknown in en.xml: {set(keys) - english}"


def test_every_catalogue_defines_every_english_key_in_order() -> None:
    """The English fallback is for a catalogue being written, not for one left behind."""
    english = etree.parse(str(i18n.CATALOGUES / "en.xml")).getroot().xpath("//@k")
    for lang in i18n.languages():
        root = etree.parse(str(i18n.CATALOGUES / f"{lang}.xml")).getroot()
        keys = root.xpath("//@k")
        missing = [k for k in english if k not in keys]
        assert not missing, f"{lang}.xml lacks keys of en.xml: {missing}"
        assert keys == english, f"{lang}.xml: keys not in the order of en.xml"
        for m in root.iter(f"{{{i18n.I18N_NS}}}m"):
            assert (m.text or "").strip(), f"{lang}.xml: {m.get('k')} is empty"


def _labels(lang: str) -> dict[str, str]:
    root = etree.parse(str(i18n.CATALOGUES / f"{lang}.xml")).getroot()
    return {str(m.get("k")): m.text or "" for m in root.iter(f"{{{i18n.I18N_NS}}}m")}


def test_translations_keep_the_arguments_of_english() -> None:
    english = _labels("en")
    for lang in i18n.languages():
        for key, text in _labels(lang).items():
            assert sorted(re.findall(r"\{\d+\}", text)) == sorted(
                re.findall(r"\{\d+\}", english[key])
            ), f"{lang}.xml: {key} has other arguments than en.xml"


def test_messages_fall_back_to_english() -> None:
    doc = etree.fromstring(i18n.messages("en").text.encode())
    assert doc.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert i18n.message("nav.texts") == "Texts"
    assert i18n.message("no.such.key") == "no.such.key"


def test_unknown_language_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="no interface catalogue"):
        i18n.check_language("xx")
    with pytest.raises(ConfigError, match="no interface catalogue"):
        i18n.check_language("xx-DE")


@pytest.mark.parametrize("tag", ["de-DE", "DE", "de_AT", "de-Latn-CH"])
def test_a_tag_with_a_region_or_in_capitals_is_its_language(tag: str) -> None:
    """Probe 112: language = "de-DE" (or "DE") was refused where German is shipped."""
    assert i18n.check_language(tag) == "de"


def test_the_stylesheets_read_the_catalogue() -> None:
    sheet = engine().compile_text(PROBE, "probe")
    out = sheet.transform("<x/>", {"messages": i18n.messages("en")}).output
    assert "Texts" in out and 'lang="en"' in out
