"""Views of meetings, agenda items and attendance."""
