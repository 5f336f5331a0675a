"""FINSAM application builder: the Flask application factory."""
from __future__ import annotations

import os

from flask import Flask

from .config import Config, finalize

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def create_app(config: dict | None = None) -> Flask:
    """Build the app; `config` overrides the environment (tests pass their own)."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("FINSAM_INSTANCE", os.path.join(PROJECT_ROOT, "instance")),
        template_folder=os.path.join(PROJECT_ROOT, "templates"),
        static_folder=os.path.join(PROJECT_ROOT, "static"),
    )
    app.config.from_object(Config)
    if config:
        app.config.update(config)
    finalize(app.config, app.instance_path)
    _trust_proxies(app)
    from .web.ids import DatabaseIdConverter

    app.url_map.converters["int"] = DatabaseIdConverter  # before any route is added
    _init_extensions(app)
    _register_blueprints(app)
    from .cli import register_commands

    register_commands(app)
    return app


def _trust_proxies(app: Flask) -> None:
    """Behind TRUSTED_PROXIES reverse proxies, take the client address and scheme from X-Forwarded-*;
    otherwise every user would share the proxy's address, and with it one login rate limit."""
    count = app.config.get("TRUSTED_PROXIES") or 0
    if count:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]


def _init_extensions(app: Flask) -> None:
    from .extensions import babel, csrf, db, limiter, login_manager, migrate
    from .web.locale import select_locale

    db.init_app(app)
    from .followup import models as _followup_models  # noqa: F401  (tables known to db.create_all and Alembic)
    migrate.init_app(app, db, directory=os.path.join(PROJECT_ROOT, "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=select_locale,
                   default_translation_directories=os.path.join(os.path.dirname(__file__), "translations"))


def _register_blueprints(app: Flask) -> None:
    from .admin import bp as admin_bp
    from .applications import bp as applications_bp
    from .associations import bp as associations_bp
    from .auth import bp as auth_bp
    from .cases import bp as cases_bp
    from .checkdocx_web import bp as checkdocx_bp
    from .followup.routes import bp as followup_bp
    from .main import bp as main_bp
    from .review import bp as review_bp
    from .web.errors import register_error_handlers
    from .web.filters import register_filters
    from .wizard import bp as wizard_bp

    for blueprint in (main_bp, auth_bp, applications_bp, wizard_bp, admin_bp, review_bp, checkdocx_bp, cases_bp,
                      associations_bp, followup_bp):
        app.register_blueprint(blueprint)
    _register_service_blueprints(app)
    from .portfolio import bp as portfolio_bp  # portfolio and the export to Uppföljning Finsam

    app.register_blueprint(portfolio_bp)
    register_filters(app)
    register_error_handlers(app)
    from .web.security import register_security_headers

    register_security_headers(app)
    from .web.sqlite_retry import register_sqlite_retry

    register_sqlite_retry(app)


def _register_service_blueprints(app: Flask) -> None:
    """Password reset, invitations, safe actions and the public pages (help, privacy, accessibility)."""
    from .applications.lifecycle import bp as lifecycle_bp
    from .applications.members import bp as members_bp
    from .auth.language import register_language_memory
    from .auth.reset import bp as reset_bp
    from .main.public import bp as public_bp

    for blueprint in (reset_bp, members_bp, lifecycle_bp, public_bp):
        app.register_blueprint(blueprint)
    register_language_memory(app)
