"""Views of bodies (filled in below)."""
