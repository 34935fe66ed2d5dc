"""Registering a national's provider, and what a verified sign-in means:
which person it is, which invitations it redeems, which mapped roles it
brings. A provider never creates or grants anything outside its national's
tree."""
from __future__ import annotations

import re

from sqlalchemy import select

from portal.access.policy import holds_nothing, is_facilitator
from portal.access.roles import Role
from portal.audit.operations import record
from portal.auth.models import EMAIL_MAX, PERSON_NAME_MAX, Identity, User
from portal.db import db, utcnow
from portal.errors import Conflict, InvalidInput
from portal.members.models import Invitation, Membership
from portal.members.operations import accept_invitation
from portal.orgs.models import Organization
from portal.sso.crypto import encrypt_secret
from portal.sso.discovery import check_issuer_url
from portal.sso.models import IdentityProvider, MappingRule, ProviderDomain
from portal.sso.tokens import SignInRefused

DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
CLAIM_NAME = re.compile(r"^[A-Za-z0-9_.:-]{1,80}$")


def clean_domains(domains) -> list[str]:
    cleaned = sorted({(d or "").strip().lower().lstrip("@") for d in domains if (d or "").strip()})
    for domain in cleaned:
        if not DOMAIN.match(domain):
            raise InvalidInput(f"“{domain}” is not an e-mail domain such as example.org.", field="domains")
    return cleaned


def register_provider(actor, national: Organization, *, name: str, issuer: str, client_id: str,
                      client_secret: str, domains) -> IdentityProvider:
    if national.kind != "national":
        raise InvalidInput("Only a national brings an identity provider.")
    name = (name or "").strip() or national.name
    client_id, client_secret = (client_id or "").strip(), (client_secret or "").strip()
    if not client_id or len(client_id) > 255:
        raise InvalidInput("Give the client id the provider issued (up to 255 characters).", field="client_id")
    if not client_secret or len(client_secret) > 1000:
        raise InvalidInput("Give the client secret the provider issued.", field="client_secret")
    issuer = check_issuer_url(issuer)
    if len(issuer) > 255:
        raise InvalidInput("The issuer URL is too long.", field="issuer")
    domain_list = clean_domains(domains)
    clash = db.session.scalar(select(IdentityProvider.id).where(
        IdentityProvider.national_id == national.id, IdentityProvider.issuer == issuer,
        IdentityProvider.client_id == client_id))
    if clash is not None:
        raise Conflict("This national already has that provider and client id.", field="client_id")
    provider = IdentityProvider(national_id=national.id, name=name[:120], issuer=issuer, client_id=client_id,
                                client_secret_encrypted=encrypt_secret(client_secret),
                                created_by_id=getattr(actor, "id", None),
                                domains=[ProviderDomain(domain=d) for d in domain_list])
    db.session.add(provider)
    db.session.flush()
    record(actor, "sso.provider_added", provider, f"Identity provider {issuer} registered for {national.name}",
           after={"issuer": issuer, "client_id": client_id, "domains": domain_list}, organization=national)
    return provider


def set_domains(actor, provider: IdentityProvider, domains) -> None:
    before = [d.domain for d in provider.domains]
    after = clean_domains(domains)
    provider.domains = [d for d in provider.domains if d.domain in after] + [
        ProviderDomain(domain=d) for d in after if d not in before]
    db.session.flush()
    record(actor, "sso.domains_changed", provider, f"Domains of {provider.issuer}: {', '.join(after) or 'none'}",
           before={"domains": before}, after={"domains": after}, organization=provider.national)


def remove_provider(actor, provider: IdentityProvider) -> None:
    record(actor, "sso.provider_removed", provider, f"Identity provider {provider.issuer} removed from "
           f"{provider.national.name}", before={"issuer": provider.issuer, "client_id": provider.client_id},
           organization=provider.national)
    # Roles its rules gave go with it (the database would cascade them away
    # unrecorded); someone left with no role anywhere is signed out, as when a
    # last membership is removed by hand.
    from portal.auth.sessions import revoke_all_sessions
    mapped = db.session.scalars(select(Membership).where(Membership.provider_id == provider.id)).all()
    for membership in mapped:
        record(actor, "sso.role_removed", membership, f"{membership.role} of {membership.organization.name} "
               f"removed with provider {provider.issuer}", before={"role": membership.role,
                                                                    "user_id": membership.user_id},
               organization=membership.organization)
        db.session.delete(membership)
    db.session.delete(provider)
    db.session.flush()
    for user_id in {m.user_id for m in mapped}:
        user = db.session.get(User, user_id)
        if user is not None and holds_nothing(user):
            revoke_all_sessions(user)


def add_rule(actor, provider: IdentityProvider, *, claim: str, value: str, organization: Organization,
             role: str) -> MappingRule:
    claim, value = (claim or "").strip(), (value or "").strip()
    if not CLAIM_NAME.match(claim):
        raise InvalidInput("A claim name is letters, digits and _.:- (for example groups).", field="claim")
    if not value or len(value) > 200:
        raise InvalidInput("Give the value to look for (up to 200 characters).", field="value")
    try:
        role = Role(role).value
    except ValueError:
        raise InvalidInput("Choose a role from the list.", field="role") from None
    if organization.root_id != provider.national_id:
        raise InvalidInput("A provider can only grant roles within its own national's tree.", field="organization_id")
    if organization.is_archived:
        raise InvalidInput(f"{organization.name} is archived.", field="organization_id")
    if any(r.claim == claim and r.value == value and r.organization_id == organization.id for r in provider.rules):
        raise Conflict("That rule exists already.")
    rule = MappingRule(claim=claim, value=value, organization_id=organization.id, role=role)
    provider.rules.append(rule)
    db.session.flush()
    record(actor, "sso.rule_added", provider, f"Rule: {claim} contains “{value}” → {role} of {organization.name}",
           after={"claim": claim, "value": value, "organization_id": organization.id, "role": role},
           organization=provider.national)
    return rule


def remove_rule(actor, rule: MappingRule) -> None:
    provider = rule.provider
    record(actor, "sso.rule_removed", provider, f"Rule removed: {rule.claim} contains “{rule.value}” → "
           f"{rule.role} of {rule.organization.name}", before={"claim": rule.claim, "value": rule.value,
                                                               "organization_id": rule.organization_id},
           organization=provider.national)
    provider.rules.remove(rule)
    db.session.flush()


def providers_for_email(email: str) -> list[IdentityProvider]:
    domain = (email or "").strip().lower().rpartition("@")[2]
    if not domain:
        return []
    return list(db.session.scalars(
        select(IdentityProvider).join(ProviderDomain).where(ProviderDomain.domain == domain,
                                                            IdentityProvider.disabled_at.is_(None))
        .order_by(IdentityProvider.name)))


# --- sign-in --------------------------------------------------------------------------------

def verified_email(provider: IdentityProvider, claims: dict) -> str | None:
    """The e-mail, if the provider verified it AND it is in a domain this provider
    is registered to serve: a national's provider vouches for its own domains
    only, never for another national's addresses."""
    email = claims.get("email")
    if claims.get("email_verified") is not True or not isinstance(email, str) or len(email) > EMAIL_MAX:
        return None
    email = email.strip().lower()
    domain = email.rpartition("@")[2]
    if "@" not in email or domain not in {d.domain for d in provider.domains}:
        return None
    return email


def resolve_person(provider: IdentityProvider, claims: dict, link_user: User | None = None) -> tuple[User, bool]:
    """The person this (provider, issuer, subject) is; created on first sign-in.
    Returns (user, created). Never matched by e-mail."""
    identity = db.session.scalar(select(Identity).where(
        Identity.provider_id == provider.id, Identity.issuer == claims["iss"], Identity.subject == claims["sub"]))
    email = verified_email(provider, claims)
    if identity is not None:
        if link_user is not None and identity.user_id != link_user.id:
            raise SignInRefused("this provider account is already linked to another person")
        identity.last_used_at, identity.email = utcnow(), claims.get("email") if isinstance(claims.get("email"), str) else None
        user = identity.user
        if not user.is_active:
            raise SignInRefused("the account is disabled")
        return user, False
    created = False
    if link_user is not None:
        user = link_user
    else:
        if email and db.session.scalar(select(User.id).where(User.email == email)) is not None:
            raise SignInRefused("an account with this e-mail exists already; sign in with it and link "
                                "your organization account from your account page")
        name = claims.get("name") if isinstance(claims.get("name"), str) and claims.get("name").strip() else None
        user = User(email=email, name=(name or email or f"{provider.national.name} member")[:PERSON_NAME_MAX])
        db.session.add(user)
        db.session.flush()
        created = True
        record(user, "user.created", user, f"Account created at first sign-in through {provider.issuer}",
               after={"email": email, "provider_id": provider.id}, organization=provider.national)
    identity = Identity(user_id=user.id, provider_id=provider.id, issuer=claims["iss"], subject=claims["sub"],
                        email=claims.get("email") if isinstance(claims.get("email"), str) else None,
                        last_used_at=utcnow())
    db.session.add(identity)
    db.session.flush()
    record(user, "sso.identity_linked", identity, f"{provider.issuer} subject linked to {user.name}",
           after={"provider_id": provider.id, "subject": claims["sub"]}, organization=provider.national)
    return user, created


def redeem_invitations(provider: IdentityProvider, user: User, claims: dict) -> list[Membership]:
    """Open invitations for the verified e-mail, within this national's tree only.
    An unverified address never redeems one: anybody can claim any address."""
    email = verified_email(provider, claims)
    claimed = claims.get("email").strip().lower() if isinstance(claims.get("email"), str) else None
    if email is None:
        if claimed and _open_invitations(provider, claimed):
            record(user, "sso.invitation_not_redeemed", user, f"Invitation for {claimed} not redeemed: the "
                   f"provider did not verify the address", after={"email": claimed}, organization=provider.national)
        return []
    return [accept_invitation(invitation, user) for invitation in _open_invitations(provider, email)]


def _open_invitations(provider: IdentityProvider, email: str) -> list[Invitation]:
    return list(db.session.scalars(select(Invitation).join(Invitation.organization).where(
        Invitation.email == email, Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None),
        Invitation.expires_at > utcnow(),
        (Organization.id == provider.national_id) | (Organization.national_id == provider.national_id))))


def _claim_matches(claims: dict, claim: str, value: str) -> bool:
    found = claims.get(claim)
    if isinstance(found, list):
        return value in [str(v) for v in found]
    return found is not None and str(found) == value


def sync_mapped_roles(provider: IdentityProvider, user: User, claims: dict) -> None:
    """Make the roles this provider's rules grant match the claims now: added,
    changed or removed. Roles granted by hand are left alone."""
    desired: dict[int, Role] = {}
    for rule in provider.rules:
        if rule.organization.root_id != provider.national_id or rule.organization.is_archived:
            continue  # belt and braces: never outside the national's tree
        if _claim_matches(claims, rule.claim, rule.value):
            role = Role(rule.role)
            if rule.organization_id not in desired or role.rank > desired[rule.organization_id].rank:
                desired[rule.organization_id] = role
    if desired and is_facilitator(user):
        record(user, "sso.role_sync_skipped", user, "Mapped roles not granted: a facilitator holds no membership",
               organization=provider.national)
        desired = {}
    memberships = db.session.scalars(select(Membership).where(Membership.user_id == user.id)).all()
    by_org = {m.organization_id: m for m in memberships}
    for membership in memberships:
        if membership.source != "sso" or membership.provider_id != provider.id:
            continue
        wanted = desired.get(membership.organization_id)
        if wanted is None:
            record(user, "sso.role_removed", membership, f"{membership.role} of {membership.organization.name} "
                   f"removed: no longer given by {provider.issuer}", before={"role": membership.role},
                   organization=membership.organization)
            db.session.delete(membership)
        elif wanted.value != membership.role:
            record(user, "sso.role_changed", membership, f"{membership.organization.name}: {membership.role} → "
                   f"{wanted.value} from {provider.issuer}", before={"role": membership.role},
                   after={"role": wanted.value}, organization=membership.organization)
            membership.role = wanted.value
    for org_id, role in desired.items():
        if org_id in by_org:
            continue  # already held, by hand or by this rule
        membership = Membership(user_id=user.id, organization_id=org_id, role=role.value, source="sso",
                                provider_id=provider.id)
        db.session.add(membership)
        db.session.flush()
        record(user, "sso.role_granted", membership, f"{role.value} of {membership.organization.name} from "
               f"{provider.issuer}", after={"role": role.value}, organization=membership.organization)
    db.session.flush()


def identities_and_linkable_providers(user: User) -> tuple[list[Identity], list[IdentityProvider]]:
    """The person's linked provider accounts, and the providers of the nationals
    they belong to that they could still link."""
    identities = list(db.session.scalars(select(Identity).where(Identity.user_id == user.id)))
    linked = {i.provider_id for i in identities}
    roots = {m.organization.root_id for m in user.memberships}
    providers = db.session.scalars(select(IdentityProvider).where(
        IdentityProvider.national_id.in_(roots), IdentityProvider.disabled_at.is_(None))).all() if roots else []
    return identities, [p for p in providers if p.id not in linked]


def active_issuers() -> list[str]:
    return list(db.session.scalars(select(IdentityProvider.issuer).where(IdentityProvider.disabled_at.is_(None))
                                   .distinct()))
