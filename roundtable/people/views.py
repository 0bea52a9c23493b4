"""Views of the register (filled in below)."""
