"""Command-line tools: `flask --app wsgi <command>`."""
from flask import Flask


def register_commands(app: Flask) -> None:
    from . import budget_cmd, docx_cmd

    for module in (budget_cmd, docx_cmd):
        module.register(app)
