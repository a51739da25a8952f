"""Importers fuzzed with hypothesis (a short run; benchmarks/fuzz_importers.py runs a long one): whatever
the file or form holds, the import commits all of it or refuses it with a reason, and a refusal leaves
the registry as it was (a real SQLite file)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from import_fuzzing import check_entry_saves_or_is_rejected, check_import_is_all_or_nothing, form_cells, import_files
from registry_world import gazetteer

FUZZ = settings(max_examples=120, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    from dashboard.registry.database import registry_engine
    return registry_engine(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'registry.sqlite'}")


@pytest.fixture(scope="module")
def places():
    return gazetteer()


@FUZZ
@given(upload=import_files())
def test_an_import_commits_everything_or_refuses_and_changes_nothing(registry, places, upload):
    data, file_name = upload
    check_import_is_all_or_nothing(registry, places, data, file_name)


@FUZZ
@given(cells=form_cells())
def test_a_form_entry_is_saved_or_rejected_and_changes_nothing(registry, places, cells):
    check_entry_saves_or_is_rejected(registry, places, cells)


def test_the_fuzzing_reaches_both_outcomes(registry, places):
    """The strategies are not all refusals: plausible files do commit (else the property proves little)."""
    from registry_world import csv_bytes, english_rows

    assert check_import_is_all_or_nothing(registry, places, csv_bytes(english_rows()), "ok.csv") == "committed"
    assert check_import_is_all_or_nothing(registry, places, b"\x00\x01garbage", "bad.xlsx") == "refused"
