"""What every page knows: who you are and which organization you act for."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, g, session
from flask_login import current_user

from portal.access.policy import can, is_facilitator
from portal.access.scoping import acting_organizations, strongest_membership_organization


def acting_organization():
    """The organization the person is acting for: the one they switched to,
    else where they hold their strongest role (alphabetical among equals)."""
    if not current_user.is_authenticated:
        return None
    organizations = acting_organizations(current_user)
    wanted = session.get("acting_org_id")
    for org in organizations:
        if org.id == wanted:
            return org
    return strongest_membership_organization(current_user)


def install_template_helpers(app: Flask) -> None:
    @app.context_processor
    def inject_identity():
        if not current_user.is_authenticated:
            return {"acting_org": None, "acting_orgs": [], "can": can, "is_facilitator": False}
        return {
            "acting_org": acting_organization(),
            "acting_orgs": acting_organizations(current_user),
            "can": can,
            "is_facilitator": is_facilitator(current_user),
            "unread_notifications": _unread_notifications,
        }

    @app.template_filter("when")
    def format_when(value):
        return value.strftime("%b %d, %Y %H:%M UTC") if value else ""

    @app.template_filter("day")
    def format_day(value):
        return value.strftime("%a %b %d, %Y") if value else ""

    @app.template_filter("markdown")
    def markdown(value):
        from portal.markdown import render_markdown
        return render_markdown(value)


def _unread_notifications() -> int:
    """For the inbox link in the navigation; counted once per request."""
    if "unread_notifications" not in g:
        from portal.notifications.operations import unread_count
        g.unread_notifications = unread_count(current_user)
    return g.unread_notifications


def public_url(endpoint: str, **values) -> str:
    """An absolute link for e-mails, built from BASE_URL so it works outside a
    request (command line, background jobs) and behind a proxy alike."""
    from flask import current_app
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["BASE_URL"].rstrip("/") + path


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def allow_form_action(*urls: str) -> None:
    """Let forms on this page lead (through redirects) to these origins."""
    g.setdefault("form_action_origins", set()).update(origin_of(u) for u in urls)


def form_action_origins() -> list[str]:
    origins = set(g.get("form_action_origins", ()))
    signed_in = session.get("sso_signed_in") if session else None
    if signed_in and signed_in.get("issuer"):
        origins.add(origin_of(signed_in["issuer"]))  # sign-out continues at the provider
    return sorted(origins)
