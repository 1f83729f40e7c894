"""import_noc loads Statistics Canada's classification structure CSV."""

import csv

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from occupations.models import UnitGroup

HEADER_EN = ["Level", "Hierarchical structure", "Code - NOC 2021 V1.0", "Class title", "Class definition"]
HEADER_FR = ["Niveau", "Structure hiérarchique", "Code - CNP 2021 V1.0", "Titre de la classe", "Définition de la classe"]


def write(path, header, rows, encoding="utf-8-sig"):
    with open(path, "w", newline="", encoding=encoding) as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return str(path)


STRUCTURE = [
    ["1", "Broad occupational category", "2", "Natural and applied sciences and related occupations", "..."],
    ["2", "Major group", "21", "Professional occupations in natural and applied sciences", "..."],
    ["5", "Unit group", "21231", "Software engineers and designers", "Software engineers and designers research..."],
    ["5", "Unit group", "21239", "Quantum software engineers", "A future unit group."],
    ["5", "Unit group", "10", "Legislators", "Leading zeros dropped by a spreadsheet."],
]


@pytest.mark.django_db
def test_import_noc_adds_new_unit_groups_and_updates_titles(tmp_path, capsys):
    path = write(tmp_path / "noc.csv", HEADER_EN, STRUCTURE)
    UnitGroup.objects.filter(code="21231").update(title_en="Old title")
    call_command("import_noc", path, valid_from="2027-01-01")
    new = UnitGroup.objects.get(code="21239")
    assert (new.title_en, new.title_fr, new.teer, str(new.valid_from)) == ("Quantum software engineers", "", 1, "2027-01-01")
    assert UnitGroup.objects.get(code="21231").title_en == "Software engineers and designers"
    assert UnitGroup.objects.get(code="00010").title_en == "Legislators"
    out = capsys.readouterr().out
    assert "3 unit groups read" in out and "1 were created, 1 were updated, 1 unchanged" in out
    assert UnitGroup.objects.count() == 517  # nothing deleted: the 514 others are listed as kept
    assert "514 unit groups on file are not in this import (kept): 00011, 00012" in out


@pytest.mark.django_db
def test_import_noc_reads_french_titles_from_the_french_file(tmp_path):
    path = write(tmp_path / "cnp.csv", HEADER_FR,
                 [["5", "Groupe de base", "21231", "Ingénieurs/ingénieures et concepteurs/conceptrices en logiciel", "..."]],
                 encoding="cp1252")
    UnitGroup.objects.filter(code="21231").update(title_fr="")
    call_command("import_noc", path)
    group = UnitGroup.objects.get(code="21231")
    assert group.title_fr.startswith("Ingénieurs/ingénieures")
    assert group.title_en == "Software engineers and designers"


@pytest.mark.django_db
def test_import_noc_dry_run_changes_nothing(tmp_path, capsys):
    call_command("import_noc", write(tmp_path / "noc.csv", HEADER_EN, STRUCTURE), dry_run=True)
    assert not UnitGroup.objects.filter(code="21239").exists()
    assert "1 would be created" in capsys.readouterr().out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("header", "rows", "message"),
    [
        (["Code", "Title"], [], "expected the columns Level"),
        (HEADER_EN, [["5", "Unit group", "2123X", "Bad", ""]], "line 2: '2123X' is not a 5-digit unit-group code"),
        (HEADER_EN, [["5", "Unit group", "21231", "", ""]], "line 2: unit group 21231 has no title"),
        (HEADER_EN, [["1", "Broad occupational category", "2", "Sciences", ""]], "No unit groups"),
    ],
)
def test_import_noc_refuses_a_bad_file_and_imports_nothing(tmp_path, header, rows, message):
    before = UnitGroup.objects.count()
    with pytest.raises(CommandError, match=message.replace("(", r"\(")):
        call_command("import_noc", write(tmp_path / "bad.csv", header, rows))
    assert UnitGroup.objects.count() == before
