"""Buttons under answers (Show sources, 👍/👎) and the feedback store."""
