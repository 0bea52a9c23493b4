"""Meetings (Sitzungen): agenda, documents, attendance and minutes."""
