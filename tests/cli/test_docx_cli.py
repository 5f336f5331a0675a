"""`flask --app wsgi export-docx FILE.json -o OUT.docx [--draft]`: the command-line contract."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from builder import create_app
from tests.unit.docx_factories import HELA_FAMILJEN, REPO_ROOT, minimal_dict, open_docx


@pytest.fixture(scope="module")
def runner(tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    app.instance_path = str(instance)
    return app.test_cli_runner()


def write_json(path, data) -> str:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_exports_the_file_and_exits_0(runner, tmp_path):
    out = tmp_path / "Hela.docx"
    result = runner.invoke(args=["export-docx", HELA_FAMILJEN, "-o", str(out), "--version-label", "v2",
                                 "--date", "2017-05-15"])
    assert result.exit_code == 0, result.output
    document = open_docx(out.read_bytes())
    assert document.paragraphs[0].text.startswith("Ansökan om medel för Hela Familjen")
    assert "Datum: 15 maj 2017" in [p.text for p in document.paragraphs]
    assert document.sections[0].footer.paragraphs[1].text.startswith("v2 · ")
    assert not [name for name in os.listdir(tmp_path) if name.startswith(".export-")]


def test_refused_export_lists_the_problems_on_stderr_and_exits_2(runner, tmp_path):
    source = write_json(tmp_path / "app.json", minimal_dict(signatories=[], sections={}))
    out = tmp_path / "out.docx"
    result = runner.invoke(args=["export-docx", source, "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith("Exporten nekades: ansökan är inte klar för underskrift")
    assert "Ingen undertecknare är angiven." in result.stderr
    assert "Avsnittet ”Målgrupp” är tomt." in result.stderr
    assert result.stdout == ""
    assert not out.exists()


def test_refused_export_in_the_language_asked_for(runner, tmp_path):
    """Without --language the problems are in the document's language; with it, in that one."""
    source = write_json(tmp_path / "app.json", minimal_dict(signatories=[]))
    result = runner.invoke(args=["export-docx", source, "-o", str(tmp_path / "out.docx"), "--language", "en"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Export refused: the application is not ready for signing (use --draft for a marked draft):",
        "  - No signatory is given."]


def test_draft_flag_exports_anyway(runner, tmp_path):
    source = write_json(tmp_path / "app.json", minimal_dict(signatories=[]))
    out = tmp_path / "draft.docx"
    result = runner.invoke(args=["export-docx", source, "-o", str(out), "--draft"])
    assert result.exit_code == 0, result.output
    assert open_docx(out.read_bytes()).sections[0].header.paragraphs[0].text.startswith("UTKAST")


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe", json.dumps({"format": "x"}).encode()])
def test_bad_input_exits_2_like_the_budget_command(runner, tmp_path, content):
    source = tmp_path / "bad.json"
    source.write_bytes(content)
    result = runner.invoke(args=["export-docx", str(source), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 2
    assert result.stderr.strip()
    assert not (tmp_path / "out.docx").exists()


def test_missing_file_exits_2(runner, tmp_path):
    result = runner.invoke(args=["export-docx", str(tmp_path / "nope.json"), "-o", str(tmp_path / "o.docx")])
    assert result.exit_code == 2
    assert "cannot read the file" in result.stderr


def test_bad_date_exits_2(runner, tmp_path):
    result = runner.invoke(args=["export-docx", HELA_FAMILJEN, "-o", str(tmp_path / "o.docx"), "--date", "15/5"])
    assert result.exit_code == 2


def test_default_output_name_is_the_safe_file_name(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(args=["export-docx", HELA_FAMILJEN, "--date", "2017-05-15"])
    assert result.exit_code == 0, result.output
    assert os.listdir(tmp_path) == ["Ansokan-Hela-Familjen-utokning-av-forsoksverksamhet-2017-05-15.docx"]


@pytest.mark.slow
def test_standard_input_and_output(tmp_path):
    """The real command line, as the contract names it: flask --app wsgi export-docx - -o -."""
    with open(HELA_FAMILJEN, "rb") as fh:
        source = fh.read()
    env = dict(os.environ, SECRET_KEY="test", FINSAM_INSTANCE=str(tmp_path))
    flask = os.path.join(os.path.dirname(sys.executable), "flask")
    command = [flask, "--app", "wsgi", "export-docx", "-", "-o", "-"]
    result = subprocess.run(command, input=source, capture_output=True, cwd=REPO_ROOT, env=env, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout[:2] == b"PK"
    assert open_docx(result.stdout).paragraphs[0].text.startswith("Ansökan om medel")


@pytest.mark.slow
def test_real_command_exit_status_2_on_refusal(tmp_path):
    source = write_json(tmp_path / "app.json", minimal_dict(signatories=[]))
    env = dict(os.environ, SECRET_KEY="test", FINSAM_INSTANCE=str(tmp_path))
    flask = os.path.join(os.path.dirname(sys.executable), "flask")
    result = subprocess.run([flask, "--app", "wsgi", "export-docx", source, "-o", str(tmp_path / "o.docx")],
                            capture_output=True, cwd=REPO_ROOT, env=env, timeout=120)
    assert result.returncode == 2
    assert "Ingen undertecknare är angiven." in result.stderr.decode()
