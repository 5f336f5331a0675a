"""The framework's floor: a minimal Flask route served by the same gunicorn.conf.py as the app.

`gunicorn -c gunicorn.conf.py bench.floor_app:app`; bench/load.py posts the budget step's form body to
/floor, which parses it (as the real step does) and answers with a few bytes.
"""
from flask import Flask, request

app = Flask(__name__)


@app.route("/floor", methods=["GET", "POST"])
def floor():
    return f"{len(request.form)} fields\n", 200, {"Content-Type": "text/plain; charset=utf-8"}


@app.get("/login")
def ready():
    return "ok\n"
