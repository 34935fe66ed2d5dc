"""The Content-Security-Policy stays strict but lets sign-in and sign-out
forms continue at the identity providers (browsers check form-action on the
redirects that follow a form post)."""
from portal.sso import operations as sso
from tests.factories import create_national


def test_every_page_has_a_strict_policy(client):
    policy = client.get("/sign-in").headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy


def test_the_sign_in_page_may_post_on_to_the_registered_providers_only(app, session, client):
    national = create_national("Provider Network")
    sso.register_provider(None, national, name="P", issuer="http://127.0.0.1:9555", client_id="c",
                          client_secret="s", domains=["p.example"])
    session.commit()
    policy = client.get("/sign-in").headers["Content-Security-Policy"]
    assert "form-action 'self' http://127.0.0.1:9555;" in policy
    other_page = client.get("/no-such-page").headers["Content-Security-Policy"]
    assert "form-action 'self';" in other_page
