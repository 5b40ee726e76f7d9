"""Admin commands (/reindex, /add, /stats) and the corpus watcher."""
