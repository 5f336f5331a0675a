"""The layers of docs/architecture.md hold: the core is pure, and no routes module imports another."""
from __future__ import annotations

import ast

import pytest

from tests.helpers import REPO

BUILDER = REPO / "builder"
PURE = ("budget", "appformat")  # the standard library and each other only
WEB_LIBRARIES = ("flask", "flask_babel", "flask_login", "flask_wtf", "wtforms", "sqlalchemy", "werkzeug")


def _imports(path, root=REPO) -> list[str]:
    """Every module (and imported name) a file imports, relative imports made absolute."""
    package = path.relative_to(root).with_suffix("").parts[:-1]
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names.append(module)
            names += [f"{module}.{alias.name}" for alias in node.names]
    return names


@pytest.mark.parametrize("path", sorted(BUILDER.glob("*/routes.py")), ids=lambda p: p.parent.name)
def test_no_routes_module_imports_another(path):
    own = ".".join(path.relative_to(REPO).with_suffix("").parts)
    others = [name for name in _imports(path) if name.endswith(".routes") and name != own]
    assert others == [], f"{own} imports {others}: move the shared code into a service or helper module"


# Pure modules outside those packages: figures and rules computed from plain values (issue 18's follow-up,
# national export, portfolio and reporting schedule; case numbers).
PURE_MODULES = ("followup/figures.py", "followup/periods.py", "national/figures.py", "cases/national.py",
                "cases/reporting.py", "cases/numbering.py")


@pytest.mark.parametrize("package", PURE)
def test_the_core_imports_no_web_or_database_library(package):
    for path in sorted((BUILDER / package).glob("*.py")):
        bad = [name for name in _imports(path) if name.split(".")[0] in WEB_LIBRARIES]
        assert bad == [], f"{path.relative_to(REPO)} imports {bad}"


@pytest.mark.parametrize("module", PURE_MODULES)
def test_pure_figure_modules_import_no_web_or_database_library(module):
    path = BUILDER / module
    assert path.exists(), module
    bad = [name for name in _imports(path) if name.split(".")[0] in WEB_LIBRARIES or name.startswith("builder.models")
           or name.endswith(".models")]
    assert bad == [], f"{path.relative_to(REPO)} imports {bad}"


def test_the_check_sees_relative_and_absolute_imports_of_routes(tmp_path):
    """So the test above can fail: both ways of importing another blueprint's routes are found."""
    module = tmp_path / "builder" / "review" / "routes.py"
    module.parent.mkdir(parents=True)
    module.write_text("from ..applications.routes import x\nfrom builder.admin import routes\nfrom . import service\n")
    names = _imports(module, root=tmp_path)
    assert {"builder.applications.routes", "builder.admin.routes", "builder.review.service"} <= set(names)
