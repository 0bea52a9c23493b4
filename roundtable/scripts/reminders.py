"""``roundtable-reminders INI``: mail the due meeting reminders (cron, for ZEO or
RelStorage set-ups; the application itself runs them every
``meetings.reminders_every_minutes``).

Queues the mails in one transaction with the mark that the meeting was
reminded; the ``roundtable-mailqueue`` worker delivers them.
"""
from pyramid.paster import get_app

from . import ini_settings
from ..meetings.reminders import run_reminders as run


def main(argv=None):
    args, _settings = ini_settings(__doc__, argv)
    meetings, mails = run(get_app(args.config_uri).registry)
    print(f"reminded: {meetings} meetings, {mails} mails")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
