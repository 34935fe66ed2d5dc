"""Outgoing mail. With no SMTP host configured the message goes to the log,
so a newcomer sees invitation links in the terminal. A failure to send is
logged and never undoes the change that caused the mail."""
from __future__ import annotations

import smtplib
from email.message import EmailMessage

from flask import current_app


def send_mail(to: str, subject: str, body: str) -> bool:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    if not config.get("SMTP_HOST"):
        current_app.logger.warning("mail (no SMTP configured) to %s: %s\n%s", to, subject, body)
        return True
    try:
        with smtplib.SMTP(config["SMTP_HOST"], int(config["SMTP_PORT"]), timeout=10) as smtp:
            smtp.send_message(message)
        return True
    except (OSError, smtplib.SMTPException) as exc:
        current_app.logger.error("could not send mail to %s (%s): %s", to, subject, exc)
        return False
