"""The sources file: the example loads, every setting is documented, errors name the file and key."""
from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from pipeline.sources import SETTINGS, SOURCE_KEYS, Settings, SourcesError, load_sources

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "corpus" / "sources.example.toml"
DOCS = ROOT / "docs" / "crawling.md"


def test_example_file_loads():
    conf = load_sources(EXAMPLE)
    assert {s.kind for s in conf.sources} == {"feed", "sitemap", "listing"}
    assert all(s.province for s in conf.sources)
    assert all(s.url.startswith("https://example.gov.vn/") for s in conf.sources)
    assert conf.settings.user_agent.startswith("ntm-news/")


def test_settings_declared_once():
    assert [f.name for f in fields(Settings)] == list(SETTINGS)
    assert Settings() == Settings(**{k: v[0] for k, v in SETTINGS.items()})


@pytest.mark.parametrize("key", list(SETTINGS) + list(SOURCE_KEYS))
def test_every_key_is_documented(key):
    assert f"`{key}`" in DOCS.read_text(encoding="utf-8"), f"docs/crawling.md does not describe {key}"
    assert key in EXAMPLE.read_text(encoding="utf-8"), f"{EXAMPLE.name} does not show {key}"


def write(tmp_path, text):
    p = tmp_path / "nguon.toml"
    p.write_text(text, encoding="utf-8")
    return p


GOOD = '[[source]]\nname = "a"\nkind = "feed"\nurl = "https://example.gov.vn/rss"\n'


def test_defaults_and_overrides(tmp_path):
    conf = load_sources(write(tmp_path, "[settings]\ndelay = 5\n" + GOOD + 'province = "Trà Vinh"\nmax_articles = 3\n'))
    assert conf.settings.delay == 5.0 and conf.settings.timeout == SETTINGS["timeout"][0]
    (s,) = conf.sources
    assert (s.name, s.kind, s.province, s.max_articles, s.delay, s.link_pattern) == ("a", "feed", "Trà Vinh", 3,
                                                                                     None, None)


@pytest.mark.parametrize("text, words", [
    ("", ["no sources"]),
    ("[[source]\n", ["not valid TOML"]),
    ("[settings]\ndelya = 2\n" + GOOD, ["[settings]", "delya"]),
    ("[settings]\ndelay = \"2s\"\n" + GOOD, ["'delay'", "float"]),
    ("[settings]\nretries = -1\n" + GOOD, ["'retries'", "negative"]),
    ('[[source]]\nname = "a"\nkind = "feed"\n', ["source #1", "missing key 'url'"]),
    (GOOD.replace("feed", "blog"), ["source #1", "'a'", "'kind'", "feed, sitemap, listing"]),
    (GOOD.replace("https://example.gov.vn/rss", "example.gov.vn/rss"), ["'url'", "http"]),
    (GOOD.replace("feed", "listing"), ["'link_pattern'"]),
    (GOOD + 'link_pattern = "(unclosed"\n', ["'link_pattern'", "regular expression"]),
    (GOOD + "tinh = 1\n", ["unknown key", "tinh"]),
    (GOOD + GOOD, ["unique", "'a'"]),
    (GOOD + "max_articles = 2.5\n", ["'max_articles'", "int"]),
    ("nguon = 1\n" + GOOD, ["unknown top-level", "nguon"]),
], ids=["empty", "not-toml", "unknown-setting", "setting-type", "negative", "missing-url", "bad-kind", "bad-url",
        "listing-without-pattern", "bad-regex", "unknown-source-key", "duplicate-name", "int-expected", "top-level"])
def test_errors_name_the_file_and_the_key(tmp_path, text, words):
    with pytest.raises(SourcesError) as e:
        load_sources(write(tmp_path, text))
    message = str(e.value)
    assert message.startswith(str(tmp_path / "nguon.toml"))
    for w in words:
        assert w in message


def test_missing_file(tmp_path):
    with pytest.raises(SourcesError, match="cannot read"):
        load_sources(tmp_path / "khong-co.toml")
