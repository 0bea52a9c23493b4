"""Views of the minutes: editing, workflow, corrections, print and PDF."""
