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


def test_several_files_give_one_json_line_each_and_the_worst_status(runner, write):
    good = write(docx_bytes(BUDGET), "a.docx")
    wrong = write(docx_bytes([row[:] for row in BUDGET[:-1]] + [["Totalt", "120 000", "270 000", "80 000", "480 000"]]),
                  "b.docx")
    result = runner.invoke(args=["check-docx", "--json", good, wrong])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(line["file"], line["finding_count"]) for line in lines] == [(good, 0), (wrong, 1)]
    assert lines[1]["tables"][0]["findings"][0]["stated"] == "480000"


def test_an_unreadable_file_among_several_exits_2_and_the_others_are_still_checked(runner, write):
    broken, good = write(b"not a docx", "x.docx"), write(docx_bytes(BUDGET), "a.docx")
    result = runner.invoke(args=["check-docx", "--json", broken, good])
    assert result.exit_code == 2
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0]["file"] == broken and "zip" in lines[0]["error"]
    assert lines[1] == {**lines[1], "file": good, "finding_count": 0}
    assert result.stderr.startswith(f"{broken}: ")


def test_several_files_as_text_are_headed_by_their_names(runner, write):
    first, second = write(docx_bytes(BUDGET), "a.docx"), write(docx_bytes(BUDGET), "b.docx")
    result = runner.invoke(args=["check-docx", first, second])
    assert result.exit_code == 0
    assert result.output.count("Inga avvikelser hittades.") == 2
    assert f"== {first} ==" in result.output and f"== {second} ==" in result.output


FAST_PATH = """
import sys
sys.argv = ["/venv/bin/flask", "--app", "wsgi", "check-docx", "a.docx"]
import wsgi
assert [c for c in wsgi.app.cli.commands] == ["check-docx"], wsgi.app.cli.commands
heavy = [m for m in ("flask_sqlalchemy", "sqlalchemy", "builder.models", "wtforms", "openpyxl", "docx")
         if m in sys.modules]
assert not heavy, heavy
"""


def test_the_flask_command_checks_without_building_the_app():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", FAST_PATH], cwd=root, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_the_fast_path_is_taken_only_for_check_docx():
    from builder.cli.check_cmd import is_check_docx_command

    assert is_check_docx_command(["/x/flask", "--app", "wsgi", "check-docx", "a.docx"])
    assert is_check_docx_command(["/x/flask", "-A", "wsgi", "--debug", "check-docx", "--json", "a.docx"])
    assert is_check_docx_command(["/x/flask/__main__.py", "--app", "wsgi", "check-docx", "a.docx"])
    assert not is_check_docx_command(["/x/flask", "--app", "wsgi", "budget", "check-docx"])
    assert not is_check_docx_command(["/x/flask", "--app", "wsgi", "run"])
    assert not is_check_docx_command(["/x/gunicorn", "check-docx"])
    assert not is_check_docx_command([])


def test_the_module_entry_point(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    path = tmp_path / "a.docx"
    path.write_bytes(docx_bytes(BUDGET))
    done = subprocess.run([sys.executable, "-m", "builder.checkdocx", "--json", str(path)],
                          cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["finding_count"] == 0
