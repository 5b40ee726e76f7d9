"""Admin commands: /reindex and /stats."""
