"""The app starts and its pages answer on both databases."""


def test_start_page(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "FINSAM" in response.text


def test_wizard_pages_answer(client, login_as, make_application, hela_doc):
    user_id, _ = login_as("applicant")
    app_id = make_application(user_id, hela_doc)
    for step in ("project", "parties", "background", "goals", "timeline", "organisation", "risks",
                 "budget", "signatories", "review"):
        response = client.get(f"/applications/{app_id}/steps/{step}")
        assert response.status_code == 200, step
