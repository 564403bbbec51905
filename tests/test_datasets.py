"""The reference tables in datasets/: tools/refresh_datasets.py --check passes, and a currency a
country's row names but currencies.csv lacks is reported, by the check and by the extractor."""
import importlib.util
import subprocess
import sys

import pytest

from tradefacts import reference

from conftest import ROOT

TOOL = ROOT / "tools" / "refresh_datasets.py"


def test_the_datasets_check_passes():
    result = subprocess.run([sys.executable, str(TOOL), "--check"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "OK"


def test_every_country_has_its_legal_tender_own_first():
    currencies = reference.country_currencies()
    assert currencies["NPL"] == ("NPR",) and currencies["CAN"] == ("CAD",) and currencies["MAR"] == ("MAD",)
    assert currencies["XKX"] == ("EUR",) and currencies["TWN"] == ("TWD",)
    assert currencies["BTN"] == ("BTN", "INR")  # the country's own before the one it also takes
    assert all(currencies.values())


def _tool():
    spec = importlib.util.spec_from_file_location("refresh_datasets", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_check_reports_a_currency_without_a_row():
    tool = _tool()
    row = {"iso3": "NPL", "iso2": "NP", "m49": "524", "name": "Nepal", "aliases": "", "demonyms": "Nepali",
           "capitals": "Kathmandu", "un_member": "yes", "currencies": "NPR"}
    problems = []
    tool.check_countries([row], {"INR"}, problems)
    assert "countries.csv: NPL: currency NPR has no row in currencies.csv" in problems


def test_the_extractor_names_the_file_and_line_of_an_unknown_currency(tmp_path, monkeypatch):
    for name in ("countries.csv", "currencies.csv"):
        (tmp_path / name).write_text((ROOT / "datasets" / name).read_text(encoding="utf-8"), encoding="utf-8")
    countries = tmp_path / "countries.csv"
    lines = countries.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("NPL,"))
    lines[at] = lines[at].rsplit(",", 1)[0] + ",NPR;XYZ"
    countries.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(reference, "DATASETS_DIR", tmp_path)
    for cached in (reference.countries, reference.currencies):
        cached.cache_clear()
    try:
        with pytest.raises(reference.DatasetError, match=rf"countries\.csv:{at + 1}: 'currencies' names XYZ"):
            reference.countries()
    finally:
        for cached in (reference.countries, reference.currencies):
            cached.cache_clear()
