"""Command-line tools: `flask --app wsgi <command>`."""
from flask import Flask


def register_commands(app: Flask) -> None:
    from . import associations_cmd, backup_cmd, budget_cmd, check_cmd, commitments_cmd, docx_cmd, users_cmd

    for module in (budget_cmd, users_cmd, backup_cmd, check_cmd, docx_cmd, associations_cmd, commitments_cmd):
        module.register(app)
