"""flask --app wsgi portal notifications send|digest (for cron)."""
from __future__ import annotations

import click

notifications_cli = click.Group("notifications", help="Deliver the notification outbox.")


@notifications_cli.command("send")
def send():
    """Send (or retry) what waits for people who want mail at once."""
    from portal.notifications.operations import BATCH_SIZE, deliver_immediate
    total = 0
    while True:
        sent = deliver_immediate()
        total += sent
        if sent < BATCH_SIZE:  # a short batch: nothing more, or only failures left for the next run
            break
    click.echo(f"{total} notification(s) sent")


@notifications_cli.command("digest")
def digest():
    """Send each person who chose the daily digest one mail with everything that waited. Run daily."""
    from portal.notifications.operations import deliver_digests
    click.echo(f"{deliver_digests()} digest(s) sent")
