"""What an invitation carries besides its text, contributed by later features.

Meetings come before the calendar in the layer order, so the invitation does
not build the ``.ics`` itself: the calendar registers a provider here
(``register_invitation_attachment``) and the invitation asks every provider.
A provider is ``provider(request, meeting) -> (filename, content_type, data)``
or None.
"""

PROVIDERS = []


def register_invitation_attachment(provider):
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)
    return provider


def invitation_attachments(request, meeting):
    """The attachments of one meeting's invitation (the same for every member)."""
    found = []
    for provider in PROVIDERS:
        attachment = provider(request, meeting)
        if attachment is not None:
            found.append(attachment)
    return found
