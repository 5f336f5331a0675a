"""WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi ...`."""
from builder import create_app

app = create_app()
