"""What the readers say: ``/discussion [article]``."""
