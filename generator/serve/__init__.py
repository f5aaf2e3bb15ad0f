"""`cablesite serve`: a local preview that behaves like a static host and reloads on change.

resolve  — URL path to file, the way static hosts do it, never outside the site folder
reload   — the live-reload channel (Server-Sent Events) and the script injected into pages
server   — the HTTP server tying the two together
watch    — polling snapshots of the folders a build reads
"""
