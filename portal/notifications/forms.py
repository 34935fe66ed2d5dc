from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.validators import InputRequired

from portal.notifications.operations import MODES

MODE_LABELS = {"immediate": "Immediately: a mail for each thing that needs you",
               "digest": "Daily digest: one mail a day with everything",
               "portal": "No mail: I read them in the portal's inbox"}


class NotificationPreferenceForm(FlaskForm):
    notification_mode = RadioField("How should we tell you when something awaits you or is decided?",
                                   choices=[(mode, MODE_LABELS[mode]) for mode in MODES],
                                   validators=[InputRequired("Choose one.")])
