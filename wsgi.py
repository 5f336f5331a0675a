"""WSGI entry point: `gunicorn -c gunicorn.conf.py wsgi:app`, `flask --app wsgi ...`."""
import sys

from builder.cli.check_cmd import command_only_app, is_check_docx_command

if is_check_docx_command(sys.argv):
    # Checking a Word file needs no configuration, database or blueprints: answer fast.
    app = command_only_app()
else:
    from builder import create_app
    from builder.config import ConfigError

    try:
        app = create_app()
    except ConfigError as exc:
        # One line for the operator instead of a traceback. Status 3 is gunicorn's "worker failed to
        # boot": a master started without gunicorn.conf.py then stops instead of respawning workers.
        print(f"finsam: refusing to start: {exc}", file=sys.stderr)
        sys.exit(3)
