"""Meetings (Sitzungen): agenda, documents, attendance and minutes."""
from ..i18n import _
from .home_panels import my_sessions, next_public_sessions
from .reminders import run_reminders

#: how often the application looks for due reminders (minutes; 0 = only by cron)
REMINDERS_EVERY_MINUTES = 60


def includeme(config):
    # /meetings is a view on the portal; its month calendar is not an object,
    # so it is a route (ARCHITECTURE.md: routes for what is not in the tree).
    config.add_route("meetings_calendar", "/meetings/calendar")
    config.add_section("meetings", _("Sitzungen"), "/meetings", order=10)
    config.add_home_panel("my-sessions", "roundtable:templates/meetings/home_mine.pt",
                          my_sessions, order=5)
    config.add_home_panel("sessions", "roundtable:templates/meetings/home_sessions.pt",
                          next_public_sessions, order=10)
    config.add_section("my-meetings", _("Meine Sitzungen"), "/my-meetings",
                       permission="account", order=12)
    config.add_periodic_job("meeting-reminders", run_reminders, "meetings.reminders_every_minutes",
                            default=REMINDERS_EVERY_MINUTES, unit=60)
    config.scan(".views")
    config.scan(".series_views")
    config.scan(".listing_views")
    config.scan(".agenda_views")
    config.scan(".attendance_views")
