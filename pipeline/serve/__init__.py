"""``edition serve``: the editor's loop of build, serve, watch, rebuild and reload.

``session`` runs it (first check and build, then one rebuild per batch of saved files),
``watch`` notices the saves, ``http`` serves the published edition with ``site`` resolving
each request inside it, and ``state`` carries what the open pages are told (the build they
show, the diagnostics) over Server-Sent Events.
"""
