"""The coalition table portal."""
from __future__ import annotations

from flask import Flask
from flask_wtf import CSRFProtect

from portal.settings import PROJECT_ROOT, load_settings

csrf = CSRFProtect()

# Strict by design: everything is served by the portal itself, nothing inline.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, template_folder=str(PROJECT_ROOT / "templates"), instance_relative_config=True)
    from werkzeug.routing import IntegerConverter

    from portal.db import MAX_ID

    class IdConverter(IntegerConverter):
        """<int:...> in URLs: ids beyond the database's integer range match no route (404)."""

        def __init__(self, url_map, *args, **kwargs):
            kwargs.setdefault("max", MAX_ID)
            super().__init__(url_map, *args, **kwargs)

    app.url_map.converters["int"] = IdConverter
    load_settings(app, test_config)

    import portal.models  # noqa: F401  (complete metadata before anything queries)
    from portal.db import db
    db.init_app(app)
    csrf.init_app(app)

    from portal.auth.sessions import install_login_manager
    install_login_manager(app)

    from portal.access.wall import install_login_wall
    install_login_wall(app)

    from portal.errors import install_error_pages
    install_error_pages(app)

    from portal.admin import views as admin
    from portal.auth import views as auth
    from portal.home import views as home
    from portal.members import views as members
    from portal.orgs import views as orgs
    from portal.races import views as races
    from portal.sso import admin_views as sso_admin
    from portal.sso import views as sso
    from portal.approvals import views as approvals
    from portal.audit import views as activity
    from portal.declarations import views as declarations
    from portal.facilitator import views as facilitator
    from portal.notifications import views as notifications
    from portal.tables import views as tables
    from portal.workgroups import views as workgroups
    from portal.profiles import views as profiles
    from portal.meetings import views as meetings
    from portal.calendars import views as calendars
    for domain in (auth, home, orgs, members, tables, races, admin, sso, sso_admin, declarations, approvals,
                   activity, notifications, facilitator, workgroups, profiles, meetings, calendars):
        app.register_blueprint(domain.bp)

    from portal.web import install_template_helpers
    install_template_helpers(app)

    from portal.cli import portal_cli
    app.cli.add_command(portal_cli)

    @app.after_request
    def security_headers(response):
        from portal.web import form_action_origins
        # Browsers apply form-action to the redirects that follow a form post too, so the
        # sign-in and sign-out forms must be allowed to end up at the identity provider.
        extra = " ".join(form_action_origins())
        policy = CONTENT_SECURITY_POLICY.replace("form-action 'self'", f"form-action 'self' {extra}".rstrip())
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    return app
