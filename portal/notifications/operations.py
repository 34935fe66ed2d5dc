"""Who is told what. Approvers hear that something awaits them (at once or in
a daily digest, each person chooses); submitters hear the decision. Mail
content names only what the recipient may see: its own tree's declarations."""
from __future__ import annotations

from collections import defaultdict

from flask import current_app
from sqlalchemy import func, select, update

from portal.access.roles import Role
from portal.audit.operations import record
from portal.auth.models import User
from portal.db import db, utcnow
from portal.errors import InvalidInput
from portal.mail import send_mail
from portal.members.models import Membership
from portal.notifications.models import Notification
from portal.web import public_url

MAX_ATTEMPTS = 5
BATCH_SIZE = 100  # immediate notifications sent per call
MODES = {"immediate": "a mail for each notification", "digest": "one mail a day with everything",
         "portal": "no mail: notifications in the portal only"}


def _enqueue(user: User, subject: str, body: str, link: str) -> None:
    """A notification in `user`'s inbox, and in the mail outbox unless they read the portal only."""
    if not user.is_active:
        return
    by_mail = bool(user.email) and user.notification_mode != "portal"
    db.session.add(Notification(user_id=user.id, subject=subject[:200], body=body, link=link,
                                digest=user.notification_mode == "digest", by_mail=by_mail))
    if by_mail:
        db.session.info["notifications_waiting"] = True  # the request delivers them once it has committed


def set_notification_mode(actor, user: User, mode: str) -> bool:
    """How `user` hears about things: at once or in a daily digest. Applies to
    notifications from now on; what already waits goes out as it was queued."""
    if mode not in MODES:
        raise InvalidInput("Choose immediate mail, a daily digest or the portal only.", field="notification_mode")
    before = user.notification_mode
    if before == mode:
        return False
    user.notification_mode = mode
    db.session.flush()
    record(actor, "notifications.mode_changed", user, f"{user.handle} now gets {MODES[mode]}",
           before={"notification_mode": before}, after={"notification_mode": mode})
    return True


def approvers_of(declaration) -> list[User]:
    """Approvers and admins at the organizations above the declaring one."""
    org = declaration.organization
    return list(db.session.scalars(select(User).join(Membership, Membership.user_id == User.id).where(
        Membership.organization_id.in_(org.ancestor_ids),
        Membership.role.in_([Role.APPROVER.value, Role.ADMIN.value])).distinct().order_by(User.id)))


def notify_approvers(declaration, revision) -> None:
    link = public_url("approvals.queue")
    for approver in approvers_of(declaration):
        if approver.id == revision.submitted_by_id:
            continue
        _enqueue(approver, f"Awaiting your approval: {declaration.organization.name}'s {declaration.kind}",
                 f"{declaration.organization.name} submitted a {declaration.kind} for {declaration.subject} at "
                 f"{declaration.table.name}. It counts nowhere outside your organization until you decide.",
                 link)


def notify_submitter(revision) -> None:
    declaration = revision.declaration
    submitter = revision.submitted_by
    if submitter is None:
        return
    why = f"\n\nReason: {revision.reason}" if revision.reason else ""
    _enqueue(submitter, f"Your {declaration.kind} was {revision.status}",
             f"{revision.decided_by.name if revision.decided_by else 'National staff'} {revision.status} "
             f"{declaration.organization.name}'s {declaration.kind} for {declaration.subject}.{why}",
             public_url("declarations.show", declaration_id=declaration.id))


def _deliver(notification: Notification, subject: str, body: str) -> bool:
    notification.attempts += 1
    if send_mail(notification.user.email, subject, body):
        notification.sent_at, notification.last_error = utcnow(), None
        return True
    notification.last_error = "the mail server refused or could not be reached"
    return False


def deliver_immediate() -> int:
    """Send what waits for people who want mail at once. Called after a
    request commits, and by `portal notifications send` to retry."""
    pending = db.session.scalars(select(Notification).where(
        Notification.sent_at.is_(None), Notification.digest.is_(False), Notification.by_mail.is_(True),
        Notification.attempts < MAX_ATTEMPTS).order_by(Notification.id).limit(BATCH_SIZE)).all()
    sent = sum(_deliver(n, n.subject, f"{n.body}\n\n{n.link or ''}\n") for n in pending)
    db.session.commit()
    return sent


def deliver_digests() -> int:
    """One mail per person with everything that waited for their daily digest."""
    pending = db.session.scalars(select(Notification).where(
        Notification.sent_at.is_(None), Notification.digest.is_(True), Notification.by_mail.is_(True),
        Notification.attempts < MAX_ATTEMPTS).order_by(Notification.user_id, Notification.id)).all()
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for notification in pending:
        by_user[notification.user_id].append(notification)
    sent = 0
    for items in by_user.values():
        body = "\n\n".join(f"- {n.subject}\n  {n.body}\n  {n.link or ''}" for n in items)
        first = items[0]
        ok = _deliver(first, f"Coalition table portal: {len(items)} update(s) for you", body)
        for other in items[1:]:
            other.attempts, other.sent_at, other.last_error = first.attempts, first.sent_at, first.last_error
        sent += ok
    db.session.commit()
    return sent


def deliver_after_commit() -> None:
    """Best effort right after a request commits; never fails the request."""
    try:
        deliver_immediate()
    except Exception:  # noqa: BLE001 — the outbox keeps the mail for the next attempt
        db.session.rollback()
        current_app.logger.exception("delivering notifications failed; they stay in the outbox")


def notify_facilitator_crossing(facilitator: User, table, crossing) -> None:
    """The table's facilitator hears when a candidate reaches or loses critical
    mass (counts only, as the facilitator sees them: no partner is named)."""
    if crossing.direction == "reached":
        subject = f"Critical mass: {crossing.candidate_name} ({crossing.race_title})"
        body = (f"{crossing.backers} partners at {table.name} now back {crossing.candidate_name} in "
                f"{crossing.race_title} (threshold {crossing.threshold}). You may convene their working group.")
    else:
        subject = f"Below critical mass: {crossing.candidate_name} ({crossing.race_title})"
        body = (f"{crossing.candidate_name} in {crossing.race_title} at {table.name} is now backed by "
                f"{crossing.backers} partner(s), below the threshold of {crossing.threshold}.")
    _enqueue(facilitator, subject, body, public_url("tables.show", table_id=table.id))


# --- the inbox in the portal ----------------------------------------------------------------

INBOX_SIZE = 100  # the newest; older ones went by mail or were read long ago


def inbox(user: User) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.created_at.desc(), Notification.id.desc())
                                   .limit(INBOX_SIZE)))


def unread_count(user: User) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def mark_all_read(actor: User, up_to_id: int) -> int:
    """Everything in `actor`'s inbox up to notification `up_to_id` is read now; how many were not."""
    result = db.session.execute(update(Notification).where(
        Notification.user_id == actor.id, Notification.read_at.is_(None), Notification.id <= up_to_id)
        .values(read_at=utcnow()))
    count = result.rowcount or 0
    if count:
        record(actor, "notifications.read", actor, f"{actor.handle} read {count} notification(s)",
               after={"read": count})
    return count
