"""Error handling and start-up checks."""
