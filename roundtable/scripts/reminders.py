"""``roundtable-reminders INI``: mail the due meeting reminders (run daily by cron).

Queues the mails in one transaction with the mark that the meeting was
reminded; the ``roundtable-mailqueue`` worker delivers them.
"""
import transaction
from pyramid.paster import get_app
from pyramid.request import Request
from pyramid.scripting import prepare

from . import ini_settings
from ..meetings.reminders import send_reminders


def run(registry, at=None):
    """Send the due reminders with the app's ``registry``; returns (meetings, mails)."""
    settings = registry.settings
    request = Request.blank("/", base_url=settings.get("roundtable.base_url",
                                                        "http://127.0.0.1:6543"))
    request.registry = registry
    request.tm = transaction.TransactionManager()
    env = prepare(registry=registry, request=request)
    request.root = env["root"]
    try:
        with request.tm:
            return send_reminders(env["request"], at)
    finally:
        env["closer"]()


def main(argv=None):
    args, _settings = ini_settings(__doc__, argv)
    meetings, mails = run(get_app(args.config_uri).registry)
    print(f"reminded: {meetings} meetings, {mails} mails")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
