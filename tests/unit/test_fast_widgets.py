"""The fast input renderer writes exactly what WTForms' widgets write, for every input of every wizard step."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "builder" / "sample" / "hela-familjen.json"


@pytest.fixture(scope="module")
def app():
    from builder import create_app
    from builder.associations.service import ensure_association
    from builder.extensions import db

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x",
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    with app.app_context():  # the project step offers the associations: the example's is one
        db.create_all()
        ensure_association("Samordningsförbundet Skåne Nordost")
        db.session.commit()
    return app


@pytest.mark.parametrize("step_key", ["project", "parties", "background", "goals", "timeline", "organisation",
                                      "risks", "budget", "signatories"])
def test_same_html_as_wtforms(app, step_key):
    from builder.web.widgets import render
    from builder.wizard.saving import build_form
    from builder.wizard.steps import BY_KEY
    from forms.walk import leaf_fields

    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc["title"] = 'Hela "Familjen" <&> \u00e5'
    with app.test_request_context():
        form = build_form(BY_KEY[step_key], doc)
        fields = [f for f in leaf_fields(form) if f.type != "CSRFTokenField"]
        assert fields
        for field in fields:
            for attributes in ({}, {"aria-describedby": "x-error", "aria-invalid": "true", "class_": "wide"},
                               {"size": 6, "list": "fee-presets", "autofocus": True, "placeholder": "a\"b"}):
                assert str(render(field, dict(attributes))) == str(field(**attributes)), field.name
