"""Fixtures for the crawl tests: a local portal full of feeds, articles and faults, and sources files."""
from __future__ import annotations

import pytest
from fakesite import Site
from portal import PORTAL_SOURCES, build_portal, write_sources


@pytest.fixture
def portal():
    with Site() as site:
        build_portal(site)
        yield site


@pytest.fixture
def sources_file(tmp_path, portal):
    return write_sources(tmp_path / "sources.toml", portal.base, PORTAL_SOURCES)
