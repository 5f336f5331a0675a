"""Attacks on the association tenancy, the follow-up and the exports (security review): each test is a hole
that was found and closed."""
from __future__ import annotations

from builder.extensions import db
from builder.models import User


def test_admin_creating_an_applicant_with_a_junk_association_is_no_500(app, client, login_as):
    login_as("admin")
    response = client.post("/admin/users", data={"email": "ny@example.se", "password": "Lösenord-som-duger-123",
                                                 "confirm": "Lösenord-som-duger-123", "name": "Ny",
                                                 "role": "applicant", "association": "abc"})
    assert response.status_code in (302, 422)
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "ny@example.se"))
        assert user is None or user.role == "applicant"
