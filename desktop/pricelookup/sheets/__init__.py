"""sheets package."""
