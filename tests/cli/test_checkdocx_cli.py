"""`flask --app wsgi check-docx FILE.docx [--json] [--language en]`: output and exit status."""
import json

import pytest

from builder import create_app
from tests.unit.checkdocx_docs import BUDGET, docx_bytes, hela_familjen_docx


@pytest.fixture(scope="module")
def runner():
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return app.test_cli_runner()


@pytest.fixture
def write(tmp_path):
    def _write(data: bytes, name: str = "ansokan.docx") -> str:
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)
    return _write


def test_a_correct_budget_exits_0(runner, write):
    result = runner.invoke(args=["check-docx", write(docx_bytes("Budget", BUDGET))])
    assert result.exit_code == 0
    assert "Tabell 1 (år 2017–2019, 4 rader, Word-tabell)" in result.output
    assert "Inga avvikelser hittades." in result.output


def test_findings_exit_1_with_a_sentence_per_finding(runner, write):
    result = runner.invoke(args=["check-docx", write(hela_familjen_docx())])
    assert result.exit_code == 1
    assert ("Kristianstads kommun, 2018: står 780 200 kr men både radsumman och kolumnsumman ger "
            "781 200 kr (skillnad -1 000 kr).") in result.output


def test_json(runner, write):
    result = runner.invoke(args=["check-docx", "--json", write(hela_familjen_docx())])
    assert result.exit_code == 1
    data = json.loads(result.output)
    (finding,) = data["tables"][0]["findings"]
    assert {k: finding[k] for k in ("kind", "row", "column", "stated", "expected", "difference")} == {
        "kind": "cell", "row": "Kristianstads kommun", "column": "2018",
        "stated": "780200", "expected": "781200", "difference": "-1000"}
    assert data["tables"][1]["index"] == 2


def test_json_without_findings_exits_0(runner, write):
    result = runner.invoke(args=["check-docx", "--json", write(docx_bytes(BUDGET))])
    assert result.exit_code == 0
    assert json.loads(result.output)["finding_count"] == 0


def test_english(runner, write):
    result = runner.invoke(args=["check-docx", "--language", "en", write(docx_bytes(BUDGET))])
    assert "Table 1 (years 2017–2019, 4 rows, Word table)" in result.output
    assert "No findings." in result.output


def test_no_budget_table(runner, write):
    result = runner.invoke(args=["check-docx", write(docx_bytes("Bara text."))])
    assert result.exit_code == 0
    assert "Inga budgettabeller hittades i dokumentet." in result.output


@pytest.mark.parametrize("data, message", [
    (b"not a docx", "inte ett zip-arkiv"),
    (b"", "Filen är tom."),
])
def test_unreadable_files_exit_2_with_a_message_and_no_traceback(runner, write, data, message):
    path = write(data)
    result = runner.invoke(args=["check-docx", path])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}: ") and message in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_missing_file_exits_2(runner, tmp_path):
    result = runner.invoke(args=["check-docx", str(tmp_path / "saknas.docx")])
    assert result.exit_code == 2
    assert "filen kan inte läsas" in result.stderr


def test_an_error_in_english(runner, write):
    result = runner.invoke(args=["check-docx", "--language", "en", write(b"not a docx")])
    assert result.exit_code == 2
    assert "it is not a zip archive" in result.stderr


def test_standard_input(runner):
    result = runner.invoke(args=["check-docx", "-"], input=docx_bytes(BUDGET))
    assert result.exit_code == 0
