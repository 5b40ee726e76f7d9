"""Questions: @mentions, /ask, follow-ups, /sources."""
