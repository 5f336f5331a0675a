"""`flask --app wsgi budget FILE.json [--json]`: the real command, in-process and as a process."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from builder import create_app
from tests.helpers import REPO as REPO_ROOT
from tests.unit.format_helpers import edit
from tests.unit.test_engine import HELA_FAMILJEN_JSON

SENTENCE = ("Budgeten ökar med 1 601 327 kr jämfört med Ursprunglig budget (3 817 840 kr). "
            "Reviderad total budget: 5 419 167 kr.")
ROW_LINES = [
    r"Kristianstads kommun\s{2,}1 242 640\s{2,}2 130 240\s{2,}887 600\s{2,}4 260 480\s{2,}\+1 135 680",
    r"Vårdcentralen Vilan\s{2,}49 581\s{2,}132 216\s{2,}55 090\s{2,}236 887\s{2,}\+236 887",
    r"Vårdcentralen Östermalm\s{2,}47 880\s{2,}127 680\s{2,}53 200\s{2,}228 760\s{2,}\+228 760",
    r"Totalt\s{2,}1 340 101\s{2,}2 390 136\s{2,}995 890\s{2,}4 726 127\s{2,}\+1 601 327",
]


ENGLISH_LOCALE = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


@pytest.fixture
def cli(tmp_path, monkeypatch):
    """Invoke `budget` in-process: returns (exit code, stdout, stderr, exception)."""
    monkeypatch.setenv("FINSAM_INSTANCE", str(tmp_path / "instance"))
    for name, value in ENGLISH_LOCALE.items():  # messages follow the locale: English here, Swedish tested below
        monkeypatch.setenv(name, value) if value else monkeypatch.delenv(name, raising=False)
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    runner = app.test_cli_runner()

    def invoke(*args, stdin: bytes | None = None):
        result = runner.invoke(args=["budget", *args], input=stdin)
        return result.exit_code, result.stdout, result.stderr, result.exception
    return invoke


def run_process(tmp_path, *args, stdin: bytes | None = None,
                env_extra: dict | None = None) -> subprocess.CompletedProcess:
    """The command as a user runs it (a fresh interpreter, real stdout and stderr)."""
    env = {**os.environ, "FINSAM_INSTANCE": str(tmp_path / "instance"), "PYTHONIOENCODING": "utf-8",
           **ENGLISH_LOCALE, **(env_extra or {})}
    env = {name: value for name, value in env.items() if value}
    return subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "budget", *args],
                          cwd=REPO_ROOT, env=env, input=stdin, capture_output=True, timeout=60)


def assert_human_table(out: str):
    lines = out.splitlines()
    assert lines[0] == "Hela Familjen – utökning av försöksverksamhet"
    assert re.fullmatch(r"Budget \(kr\)\s+2017\s+2018\s+2019\s+Summa\s+Förändring", lines[2])
    for pattern, line in zip(ROW_LINES, lines[3:7], strict=False):
        assert re.fullmatch(pattern, line), line
    assert SENTENCE in lines
    assert ("Oförändrat från Ursprunglig budget: Näsby vårdcentral (383 040 kr), "
            "Workshops + kompetensutveckling (60 000 kr) och Utvärdering (250 000 kr).") in lines


def test_human_output(cli, example_path):
    code, out, err, _ = cli(str(example_path))
    assert (code, err) == (0, "")
    assert "1 242 640" in out and "Summa" in out and "Totalt" in out
    assert_human_table(out)


def test_json_output_is_exactly_the_spec_output(cli, example_path, spec_example_output):
    code, out, err, _ = cli(str(example_path), "--json")
    assert (code, err) == (0, "")
    table = json.loads(out)
    assert table == HELA_FAMILJEN_JSON
    assert table["totals"] == spec_example_output["totals"]
    assert table["rows"][:1] == spec_example_output["rows"]


def test_dash_reads_standard_input(cli, example_path):
    code, out, err, _ = cli("-", "--json", stdin=example_path.read_bytes())
    assert (code, err) == (0, "")
    assert json.loads(out) == HELA_FAMILJEN_JSON


def test_utf8_byte_order_mark_is_accepted(cli, example_path, tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + example_path.read_bytes())
    code, out, _, _ = cli(str(path), "--json")
    assert code == 0 and json.loads(out)["totals"]["total"] == "4726127"


def test_effects_in_json_output(cli, example_dict, tmp_path):
    example_dict["effects"] = [{"label": "Minskat försörjningsstöd", "items": [
        {"label": "Familjer", "persons": "20", "cost_per_day": "300", "months": "12"}]}]
    path = tmp_path / "effects.json"
    path.write_text(json.dumps(example_dict), encoding="utf-8")
    code, out, _, _ = cli(str(path), "--json")
    # 20 × 300 × 30.5 × 12 = 2 196 000; cost = grand total 4 726 127
    assert code == 0
    assert json.loads(out)["effects"] == [{
        "label": "Minskat försörjningsstöd", "items": [{"label": "Familjer", "amount": "2196000"}],
        "total": "2196000", "cost": "4726127", "net": "-2530127"}]


def _bad(place, value):
    return lambda data: edit(data, place, value)


# (name, how to spoil the example: a function of the dict, or raw bytes, expected stderr lines)
BAD_INPUTS = [
    ("unknown key", _bad("colour", "blue"), ["colour: unknown key"]),
    ("wrong type", _bad("budget.staff", "many"), ["budget.staff: must be a list, got text"]),
    ("fte", _bad("budget.staff[2].fte", "-1"),
     ['budget.staff[2].fte: must be a number greater than 0 and at most 10, got "-1"']),
    ("date outside", _bad("budget.staff[0].start", "2017-01-01"),
     ["budget.staff[0].start: must be inside the period 2017-06-01 – 2019-05-31, got 2017-01-01"]),
    ("period", _bad("period.end", "2033-01-01"), ["period.end: a period may be at most 15 years long"]),
    ("version", _bad("version", 2), ['version: must be 1, got "2"']),
    ("lone surrogate", _bad("title", "A\ud800"),
     ["title: must be valid Unicode text, it has a lone surrogate (\\ud800–\\udfff)"]),
    ("not an object", b"[]", ["(top level): must be an object, got a list"]),
    ("NaN", b'{"fte": NaN}', ["(file): not valid JSON: NaN is not a number"]),
    ("empty file", b"", None),
    ("truncated", b'{"format": "finsam-application", "budget": {', None),
]


def bad_file(tmp_path, spoil, example_dict) -> str:
    path = tmp_path / "bad.json"
    if isinstance(spoil, bytes):
        path.write_bytes(spoil)
    else:
        spoil(example_dict)
        path.write_text(json.dumps(example_dict), encoding="utf-8")
    return str(path)


def assert_refused(code, out, err, expected):
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    if expected is None:
        assert len(lines) == 1 and lines[0].startswith("(file): not valid JSON: ")
    else:
        assert lines == expected


@pytest.mark.parametrize("name, spoil, expected", BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_exits_2_with_errors_on_stderr_only(cli, tmp_path, example_dict, name, spoil, expected):
    code, out, err, exception = cli(bad_file(tmp_path, spoil, example_dict))
    assert isinstance(exception, SystemExit)
    assert_refused(code, out, err, expected)


def test_many_problems_are_all_listed(cli, tmp_path, example_dict):
    edit(example_dict, "budget.staff[2].fte", "11")
    edit(example_dict, "colour", "blue")
    code, out, err, _ = cli(bad_file(tmp_path, lambda d: None, example_dict), "--json")
    assert (code, out) == (2, "")
    assert sorted(err.splitlines()) == [
        'budget.staff[2].fte: must be a number greater than 0 and at most 10, got "11"', "colour: unknown key"]


@pytest.mark.parametrize("make, message", [
    (lambda tmp: tmp / "missing.json", "cannot read the file: No such file or directory"),
    (lambda tmp: tmp, "cannot read the file: Is a directory"),
])
def test_unreadable_file(cli, tmp_path, make, message):
    path = make(tmp_path)
    code, out, err, _ = cli(str(path))
    assert (code, out) == (2, "")
    assert err == f"{path}: {message}\n"


def test_file_not_utf8(cli, tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"title": "Vårdcentralen"}'.encode("latin-1"))
    code, out, err, _ = cli(str(path))
    assert (code, out, err) == (2, "", f"{path}: not UTF-8 text\n")


# As a separate process: what a user sees, and proof that no traceback reaches the terminal.

@pytest.mark.slow
def test_process_human_output(tmp_path, example_path):
    done = run_process(tmp_path, str(example_path))
    assert (done.returncode, done.stderr) == (0, b"")
    assert_human_table(done.stdout.decode("utf-8"))


@pytest.mark.slow
def test_process_json_from_stdin(tmp_path, example_path):
    done = run_process(tmp_path, "-", "--json", stdin=example_path.read_bytes())
    assert (done.returncode, done.stderr) == (0, b"")
    assert json.loads(done.stdout) == HELA_FAMILJEN_JSON


@pytest.mark.slow
@pytest.mark.parametrize("name", ["fte", "lone surrogate"])
def test_process_bad_input(tmp_path, example_dict, name):
    _, spoil, expected = next(case for case in BAD_INPUTS if case[0] == name)
    done = run_process(tmp_path, bad_file(tmp_path, spoil, example_dict))
    assert_refused(done.returncode, done.stdout.decode(), done.stderr.decode("utf-8"), expected)


@pytest.mark.slow
def test_process_missing_file(tmp_path):
    done = run_process(tmp_path, "nowhere.json")
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr.decode() == "nowhere.json: cannot read the file: No such file or directory\n"


# The messages' language: --language, else the locale (Swedish under sv_*, else English).

SWEDISH_FTE = ('Budget, personalrad 3, tjänstgöringsgrad (budget.staff[2].fte): måste vara ett tal större än 0 och '
               'högst 10, inte ”-1”')


def test_language_option_gives_swedish_messages(cli, tmp_path, example_dict):
    code, out, err, _ = cli(bad_file(tmp_path, _bad("budget.staff[2].fte", "-1"), example_dict), "--language", "sv")
    assert (code, out) == (2, "")
    assert err.splitlines() == [SWEDISH_FTE]


def test_swedish_locale_gives_swedish_messages(cli, tmp_path, example_dict, monkeypatch):
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    edit(example_dict, "colour", "blue")
    code, _out, err, _ = cli(bad_file(tmp_path, lambda d: None, example_dict))
    assert code == 2
    assert err.splitlines() == ["Colour (colour): okänd nyckel"]


def test_language_option_wins_over_the_locale(cli, tmp_path, example_dict, monkeypatch):
    monkeypatch.setenv("LC_ALL", "sv_SE.UTF-8")
    code, _out, err, _ = cli(bad_file(tmp_path, _bad("budget.staff[2].fte", "-1"), example_dict), "--language", "en")
    assert code == 2
    assert err.splitlines() == BAD_INPUTS[2][2]


def test_process_swedish_messages(tmp_path, example_dict):
    done = run_process(tmp_path, bad_file(tmp_path, _bad("budget.staff[2].fte", "-1"), example_dict),
                       env_extra={"LANG": "sv_SE.UTF-8"})
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode("utf-8").splitlines() == [SWEDISH_FTE]


def test_swedish_file_messages(cli, tmp_path):
    path = tmp_path / "missing.json"
    code, _out, err, _ = cli(str(path), "--language", "sv")
    assert code == 2
    assert err == f"{path}: filen kan inte läsas: No such file or directory\n"
